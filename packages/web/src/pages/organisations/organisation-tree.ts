/**
 * The organisation list (tree order from the API, parents before children) as a tree, searchable, and who may
 * change what in it: an organisation is changed by the organisers of its parent and gets children from its own.
 */
import type { ResponseOf } from "../../api/types.js";

export type Organisation = ResponseOf<"/api/v1/organisations/{id}", "get">;

export interface OrganisationNode {
  organisation: Organisation;
  children: OrganisationNode[];
}

/** The tree of `items`; an item whose parent is not listed is a root (the top of the user's scope). */
export function buildTree(items: readonly Organisation[]): OrganisationNode[] {
  const nodes = new Map(items.map((o) => [o.id, { organisation: o, children: [] as OrganisationNode[] }]));
  const roots: OrganisationNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.organisation.parentId === null ? undefined : nodes.get(node.organisation.parentId);
    (parent?.children ?? roots).push(node);
  }
  const sort = (list: OrganisationNode[]) => {
    list.sort((a, b) => a.organisation.code.localeCompare(b.organisation.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The nodes whose code or name contains `needle` (any case), with their ancestors; all when it is blank. */
export function filterTree(nodes: readonly OrganisationNode[], needle: string): OrganisationNode[] {
  const q = needle.trim().toLowerCase();
  if (q === "") return [...nodes];
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, q);
    const hit = `${n.organisation.code} ${n.organisation.name}`.toLowerCase().includes(q);
    return hit || children.length > 0 ? [{ organisation: n.organisation, children }] : [];
  });
}

/** The ids of every node that has children (to open a filtered tree fully). */
export const parentIds = (nodes: readonly OrganisationNode[]): string[] =>
  nodes.flatMap((n) => (n.children.length > 0 ? [n.organisation.id, ...parentIds(n.children)] : []));

/** Whether the user organises `id`: holds an organiser grant at it or above it within the listed tree. */
export function organises(
  items: readonly Organisation[],
  organiserAt: ReadonlySet<string>,
  id: string | null,
): boolean {
  const parents = new Map(items.map((o) => [o.id, o.parentId]));
  for (let at = id; at !== null && at !== undefined; at = parents.get(at) ?? null) {
    if (organiserAt.has(at)) return true;
  }
  return false;
}
