/**
 * The numeric base-data fields (数值数据项) of a scheme version, as select options: what a case feed fills in and
 * what a survey may read each unit's population from. Read from the version's parsed definition, where every
 * field has its type (number by default).
 */
import { api, call } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";

/** A field of the scheme as its parsed definition gives it (the scheme-version API returns it untyped). */
interface SchemeField {
  code: string;
  name: string;
  type?: string;
}

export interface FieldOption {
  value: string;
  label: string;
}

export function useNumberFields(schemeVersionId: string): { options: FieldOption[]; loading: boolean } {
  const scheme = useApi(
    () => call(api.GET("/api/v1/scheme-versions/{id}", { params: { path: { id: schemeVersionId } } })),
    [schemeVersionId],
  );
  const options = ((scheme.data?.definition.fields ?? []) as SchemeField[])
    .filter((f) => f.type === undefined || f.type === "number" || f.type === "integer")
    .map((f) => ({ value: f.code, label: `${f.name}（${f.code}）` }));
  return { options, loading: scheme.loading };
}
