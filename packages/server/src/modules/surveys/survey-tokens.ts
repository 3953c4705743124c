/** One-time tokens: random, handed out once, kept only as their SHA-256. */
import { createHash, randomBytes } from "node:crypto";

/** 128 random bits, URL-safe (22 characters). */
export const newToken = (): string => randomBytes(16).toString("base64url");

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** The public page's link for a token: the configured origin (KAOPING_PUBLIC_URL), else the request's. */
export const surveyLink = (origin: string, token: string): string => `${origin}/s/${token}`;
