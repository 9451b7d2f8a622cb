import * as Effect from "effect/Effect"
import { ForumAlreadyClosed, ForumNotOpen, ForumNotScheduled } from "../ForumError.js"
import type { State } from "../ForumState.js"

/** The forum has been scheduled and has not closed: counterparts join, SMEs register. */
export const requireNotClosed = (
  state: State,
  forumId: string,
  action: string
): Effect.Effect<void, ForumNotScheduled | ForumAlreadyClosed> => {
  switch (state.status) {
    case "Unscheduled":
      return Effect.fail(new ForumNotScheduled({ forumId, action }))
    case "Closed":
    case "ResultsAnnounced":
      return Effect.fail(new ForumAlreadyClosed({ forumId, action }))
    case "Scheduled":
    case "Open":
      return Effect.void
  }
}

/** The forum is open: consultations take place, observers attend. */
export const requireOpen = (
  state: State,
  forumId: string,
  action: string
): Effect.Effect<void, ForumNotScheduled | ForumNotOpen | ForumAlreadyClosed> =>
  state.status === "Scheduled"
    ? Effect.fail(new ForumNotOpen({ forumId, action }))
    : requireNotClosed(state, forumId, action)

/**
 * The forum has opened, and may have closed since: a consultation's outcome (held, no-show) is
 * often entered after the forum closes, from the sheets of the day.
 */
export const requireOpened = (
  state: State,
  forumId: string,
  action: string
): Effect.Effect<void, ForumNotScheduled | ForumNotOpen> => {
  switch (state.status) {
    case "Unscheduled":
      return Effect.fail(new ForumNotScheduled({ forumId, action }))
    case "Scheduled":
      return Effect.fail(new ForumNotOpen({ forumId, action }))
    case "Open":
    case "Closed":
    case "ResultsAnnounced":
      return Effect.void
  }
}

/** The forum has been scheduled, whatever has happened since. */
export const requireScheduled = (
  state: State,
  forumId: string,
  action: string
): Effect.Effect<void, ForumNotScheduled> =>
  state.status === "Unscheduled" ? Effect.fail(new ForumNotScheduled({ forumId, action })) : Effect.void
