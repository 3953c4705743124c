/** The organisations in scope as Ant Design tree nodes for choosing units, narrowed by a search text. */
import { buildTree, filterTree, type OrganisationNode } from "../organisations/organisation-tree.js";
import type { Organisation } from "./wizard-types.js";

export interface OrgNode {
  key: string;
  title: string;
  disabled?: boolean;
  children: OrgNode[];
}

/**
 * The tree (by code) of `organisations`; `needle` keeps the matching nodes (by code or name) and their ancestors.
 * `disabledId` is the organiser itself, which cannot evaluate itself.
 */
export function organisationTree(
  organisations: readonly Organisation[],
  needle: string,
  disabledId: string | null,
): OrgNode[] {
  const toNode = ({ organisation: o, children }: OrganisationNode): OrgNode => ({
    key: o.id,
    title: `${o.name}（${o.code}）`,
    disabled: o.id === disabledId,
    children: children.map(toNode),
  });
  return filterTree(buildTree(organisations), needle).map(toNode);
}

/** Every key of a tree (to expand it all). */
export const allKeys = (nodes: readonly OrgNode[]): string[] =>
  nodes.flatMap((n) => [n.key, ...allKeys(n.children)]);
