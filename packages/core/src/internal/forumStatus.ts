import * as Either from "effect/Either"
import { ForumAlreadyClosed, ForumNotOpen, ForumNotScheduled } from "../ForumError.js"
import type { State } from "../ForumState.js"

/** The forum has been scheduled and has not closed: counterparts join, SMEs register. */
export const requireNotClosed = (
  state: State,
  forumId: string,
  action: string
): Either.Either<void, ForumNotScheduled | ForumAlreadyClosed> => {
  switch (state.status) {
    case "Unscheduled":
      return Either.left(new ForumNotScheduled({ forumId, action }))
    case "Closed":
    case "ResultsAnnounced":
      return Either.left(new ForumAlreadyClosed({ forumId, action }))
    case "Scheduled":
    case "Open":
      return Either.void
  }
}

/** The forum is open: consultations take place, observers attend. */
export const requireOpen = (
  state: State,
  forumId: string,
  action: string
): Either.Either<void, ForumNotScheduled | ForumNotOpen | ForumAlreadyClosed> =>
  state.status === "Scheduled"
    ? Either.left(new ForumNotOpen({ forumId, action }))
    : requireNotClosed(state, forumId, action)

/**
 * The forum has opened, and may have closed since: a consultation's outcome (held, no-show) is
 * often entered after the forum closes, from the sheets of the day.
 */
export const requireOpened = (
  state: State,
  forumId: string,
  action: string
): Either.Either<void, ForumNotScheduled | ForumNotOpen> => {
  switch (state.status) {
    case "Unscheduled":
      return Either.left(new ForumNotScheduled({ forumId, action }))
    case "Scheduled":
      return Either.left(new ForumNotOpen({ forumId, action }))
    case "Open":
    case "Closed":
    case "ResultsAnnounced":
      return Either.void
  }
}

/** The forum has been scheduled, whatever has happened since. */
export const requireScheduled = (
  state: State,
  forumId: string,
  action: string
): Either.Either<void, ForumNotScheduled> =>
  state.status === "Unscheduled" ? Either.left(new ForumNotScheduled({ forumId, action })) : Either.void
