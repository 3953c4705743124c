export function documentText(document: unknown): string;
export function typesText(document: unknown): Promise<string>;
