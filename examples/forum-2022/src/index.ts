/**
 * What the replay of the forum of 24 November 2022 offers other packages (the `kemitraan` CLI): the
 * dataset and where it lies, the whole run, its parts (timeline, replay, read models,
 * reconciliation) and the text report. The dependency points from the CLI to this example, never
 * back.
 *
 * @since 0.1.0
 */
import { fileURLToPath } from "node:url"

/** The directory of the committed dataset (`data/` of this package), from the sources or the build. */
export const dataDir: string = fileURLToPath(new URL("../data/", import.meta.url))

/** The dataset: records, loading, the published figures. */
export * as Dataset from "./dataset/Dataset.js"

/** The published figures the replay reconciles against. */
export * as Published from "./dataset/Published.js"

/** The whole run: load, replay, catch up, reconcile, report. */
export * as ForumReplay from "./ForumReplay.js"

/** The dataset as a timeline of commands. */
export * as Timeline from "./replay/Timeline.js"

/** The replay of a timeline through the domain's handlers. */
export * as Replay from "./replay/Replay.js"

/** The three read models of the report, caught up or as of a position. */
export * as ReadModels from "./report/ReadModels.js"

/** Published figures beside replayed ones. */
export * as Reconciliation from "./report/Reconciliation.js"

/** The plain-text report. */
export * as Report from "./report/Report.js"

/** Plain-text tables and the report's number formats. */
export * as Table from "./report/Table.js"

/** The follow-up sections of the report: class advancement and the supply chain. */
export * as FollowUp from "./report/FollowUp.js"

/** The marks of the report's tables that rest on synthetic detail, from the events' provenance. */
export * as Synthetic from "./report/Synthetic.js"

/** Why the dataset cannot be loaded. */
export * as DatasetError from "./dataset/DatasetError.js"
