/**
 * NIB (Nomor Induk Berusaha): the 13-digit business identity number issued through OSS, Indonesia's
 * online single submission system. An informal business has none; obtaining one is formalisation.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** An NIB: exactly 13 decimal digits, kept as a string so that leading zeros survive. */
export const Nib = Schema.String.pipe(
  Schema.pattern(/^\d{13}$/, { message: () => "an NIB has exactly 13 digits" }),
  Schema.brand("Nib"),
  Schema.annotations({ identifier: "Nib", description: "a 13-digit NIB (Nomor Induk Berusaha)" })
)

/** An NIB. */
export type Nib = typeof Nib.Type

/** Makes an NIB; throws when the string is not 13 digits. */
export const make = (nib: string): Nib => Nib.make(nib)
