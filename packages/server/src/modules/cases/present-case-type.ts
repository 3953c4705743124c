/** A case type as the API shows it, with its 办结时限 (hours from receipt to closing). */
import { type CaseTypeDefinition, hoursToClose } from "@kaoping/core";
import type { CaseTypeContext } from "./case-access.js";

export interface CaseTypeView {
  id: string;
  ownerId: string;
  ownerName: string;
  code: string;
  name: string;
  definition: CaseTypeDefinition;
  hoursToClose: number;
  version: number;
  createdAt: string;
}

export const presentCaseType = (type: CaseTypeContext): CaseTypeView => ({
  id: type.id,
  ownerId: type.ownerId,
  ownerName: type.ownerName,
  code: type.code,
  name: type.name,
  definition: type.definition,
  hoursToClose: hoursToClose(type.definition),
  version: type.version,
  createdAt: type.createdAt.toISOString(),
});
