/**
 * Adding an organisation under another, or changing one's code, name, kind, category and parent (which moves its
 * subtree with it).
 */
import { AutoComplete, Form, Input, TreeSelect } from "antd";
import { api, call } from "../../api/client.js";
import { useI18n } from "../../i18n/i18n.js";
import { FormModal } from "./FormModal.js";
import type { Organisation, OrganisationNode } from "./organisation-tree.js";

interface OrganisationForm {
  code: string;
  name: string;
  kind: string;
  category?: string;
  parentId?: string;
}

interface ParentOption {
  value: string;
  title: string;
  disabled: boolean;
  children: ParentOption[];
}

/** The places an organisation may move to: under any organisation one organises, never into its own subtree. */
function parentOptions(
  nodes: OrganisationNode[],
  moving: string,
  organises: (id: string) => boolean,
): ParentOption[] {
  return nodes
    .filter((n) => n.organisation.id !== moving)
    .map((n) => ({
      value: n.organisation.id,
      title: n.organisation.name,
      disabled: !organises(n.organisation.id),
      children: parentOptions(n.children, moving, organises),
    }));
}

export type OrganisationEdit =
  | { mode: "create"; parent: Organisation }
  | { mode: "edit"; organisation: Organisation };

const CODE = /^[\p{L}\p{N}_.-]{1,40}$/u;

export default function OrganisationFormModal({
  edit,
  tree,
  organises,
  kinds,
  categories,
  onDone,
  onCancel,
}: {
  edit: OrganisationEdit;
  /** The organisation tree, to choose a new parent from. */
  tree: OrganisationNode[];
  organises(id: string): boolean;
  /** Kinds and categories already used, offered for consistency. */
  kinds: string[];
  categories: string[];
  onDone(saved: Organisation): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<OrganisationForm>();
  const initial =
    edit.mode === "edit"
      ? {
          code: edit.organisation.code,
          name: edit.organisation.name,
          kind: edit.organisation.kind,
          category: edit.organisation.category ?? undefined,
          parentId: edit.organisation.parentId ?? undefined,
        }
      : { kind: edit.parent.kind };

  async function send(values: OrganisationForm) {
    const category = values.category?.trim() ? values.category.trim() : null;
    const saved =
      edit.mode === "create"
        ? await call(
            api.POST("/api/v1/organisations", {
              body: {
                parentId: edit.parent.id,
                code: values.code,
                name: values.name,
                kind: values.kind,
                category,
              },
            }),
          )
        : await call(
            api.PATCH("/api/v1/organisations/{id}", {
              params: { path: { id: edit.organisation.id } },
              body: {
                version: edit.organisation.version,
                code: values.code,
                name: values.name,
                kind: values.kind,
                category,
                ...(values.parentId !== undefined && values.parentId !== edit.organisation.parentId
                  ? { parentId: values.parentId }
                  : {}),
              },
            }),
          );
    onDone(saved);
  }

  const options = (list: string[]) => list.map((value) => ({ value }));
  return (
    <FormModal<OrganisationForm>
      title={
        edit.mode === "create"
          ? t("org.form.createTitle", { parent: edit.parent.name })
          : t("org.form.editTitle", { name: edit.organisation.name })
      }
      form={form}
      initialValues={initial}
      send={send}
      onCancel={onCancel}
    >
      <Form.Item
        name="code"
        label={t("org.code")}
        extra={t("org.form.codeHint")}
        rules={[
          { required: true, message: t("org.form.codeRequired") },
          { pattern: CODE, message: t("org.form.codePattern") },
        ]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t("org.name")}
        rules={[{ required: true, whitespace: true, message: t("org.form.nameRequired") }, { max: 100 }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t("org.kind")}
        rules={[{ required: true, whitespace: true, message: t("org.form.kindRequired") }, { max: 40 }]}
      >
        <AutoComplete options={options(kinds)} filterOption />
      </Form.Item>
      {edit.mode === "edit" && edit.organisation.parentId !== null && (
        <Form.Item name="parentId" label={t("org.parent")} extra={t("org.form.parentHint")}>
          <TreeSelect
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            listHeight={320}
            treeData={parentOptions(tree, edit.organisation.id, organises)}
          />
        </Form.Item>
      )}
      <Form.Item
        name="category"
        label={t("org.category")}
        extra={t("org.form.categoryHint")}
        rules={[{ max: 40 }]}
      >
        <AutoComplete options={options(categories)} filterOption allowClear />
      </Form.Item>
    </FormModal>
  );
}
