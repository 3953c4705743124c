/** Every feed source, in the order they are merged (a later one wins on the same code). */
import { caseFeedSource } from "../cases/case-feed-source.js";
import { surveyFeed } from "../surveys/survey-feed.js";
import type { FeedSource } from "./feed-source.js";

export const feedSources: ReadonlyArray<FeedSource> = [caseFeedSource, surveyFeed];
