import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { beforeAll } from "vitest"
import { Dataset, Generator, Published, Records } from "../src/dataset/index.js"

const dataDir = fileURLToPath(new URL("../data/", import.meta.url))
const { published } = Published

const countBy = <A>(items: ReadonlyArray<A>, key: (item: A) => string): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

const sumBy = <A>(items: ReadonlyArray<A>, key: (item: A) => string, value: (item: A) => number) => {
  const sums = new Map<string, number>()
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + value(item))
  return [...sums].sort((a, b) => b[1] - a[1])
}

const salesClass = (sales: number): number =>
  sales <= 2_000_000_000 ? 0 : sales <= 15_000_000_000 ? 1 : sales <= 50_000_000_000 ? 2 : 3

let dataset: Dataset.Dataset

beforeAll(async () => {
  dataset = await Effect.runPromise(Dataset.load(dataDir))
})

describe("the published figures", () => {
  it("748 SME/IKM participants from exactly 25 provinces, all valid on 24 November 2022", () => {
    expect(dataset.smes).toHaveLength(published.participants)
    expect(new Set(dataset.smes.map((sme) => sme.provinceCode)).size).toBe(published.provinces)
    expect(dataset.provinces).toHaveLength(37)
    expect(new Set(dataset.provinces.map((p) => p.validOn))).toEqual(new Set(["2022-11-24"]))
    const java = dataset.smes.filter((sme) => ["31", "32", "33", "34", "35", "36"].includes(sme.provinceCode))
    expect(java.length / dataset.smes.length).toBeGreaterThan(0.6)
  })

  it("630 SMEs with at least one assessment, 118 without, some of those met or missed a counterpart", () => {
    const assessed = new Set(dataset.assessments.map((a) => a.smeId))
    expect(assessed.size).toBe(published.assessedSmes)
    const others = dataset.smes.filter((sme) => !assessed.has(sme.id)).map((sme) => sme.id)
    expect(others).toHaveLength(118)
    const outcomes = new Set(dataset.consultations.filter((c) => others.includes(c.smeId)).map((c) => c.outcome))
    expect(outcomes).toEqual(new Set(["held", "no-show", "cancelled"]))
    const perSme = [...countBy(dataset.assessments, (a) => a.smeId).values()]
    expect(Math.max(...perSme)).toBe(3)
    expect(perSme.filter((n) => n > 1).length).toBeGreaterThan(50)
  })

  it("assessments with exactly 17 of the 19 counterparts that joined", () => {
    expect(new Set(dataset.assessments.map((a) => a.counterpartId)).size).toBe(published.counterpartsInAssessments)
    expect(countBy(dataset.counterparts, (c) => c.kind)).toEqual(
      new Map([
        ["BUMN", 17],
        ["UsahaBesar", 2]
      ])
    )
    const inAssessments = new Set(dataset.assessments.map((a) => a.counterpartId))
    for (const counterpart of dataset.counterparts)
      expect(inAssessments.has(counterpart.id)).toBe(counterpart.assessedAtForum)
    const quiet = dataset.counterparts.filter((c) => !c.assessedAtForum).map((c) => c.id)
    expect(quiet).toEqual(["garam", "sang-hyang-seri"])
    for (const id of quiet)
      expect(dataset.consultations.some((c) => c.counterpartId === id && c.outcome === "held")).toBe(true)
  })

  it("the counterparts are the 16 SOEs of the seed, PT Pupuk Indonesia and the 2 large enterprises", () => {
    expect(dataset.counterparts.map((c) => c.name)).toEqual([
      "Perum Perhutani",
      "Perum Bulog",
      "PT INKA (Persero)",
      "PT Kimia Farma",
      "PT Krakatau Steel",
      "PT Pertamina",
      "PT PLN (Perusahaan Listrik Negara)",
      "PT Rajawali Nusantara Indonesia",
      "PT Perusahaan Perdagangan Indonesia",
      "PT Berdikari",
      "PT Garam",
      "PT Perikanan Indonesia",
      "PT Sang Hyang Seri",
      "PT Bio Farma",
      "PT Perkebunan Nusantara III",
      "PT Pindad",
      "PT Pupuk Indonesia",
      "PT Lulu Group Retail",
      "PT Gramedia Asri Media"
    ])
    expect(dataset.counterparts.filter((c) => c.source === "wartaekonomi").map((c) => c.id)).toEqual([
      "pupuk-indonesia"
    ])
  })

  it("the potential adds up to exactly Rp224,800,000,000 in whole rupiah", () => {
    const total = dataset.assessments.reduce((sum, a) => sum + a.potentialRupiah, 0)
    expect(total).toBe(published.potentialRupiah)
    expect(total).toBe(224_800_000_000)
    expect(dataset.assessments.every((a) => Number.isSafeInteger(a.potentialRupiah) && a.potentialRupiah > 0)).toBe(
      true
    )
  })

  it("machine components are clearly the largest category, and PT INKA's share of it is dominant", () => {
    const byCategory = sumBy(
      dataset.assessments,
      (a) => a.categoryId,
      (a) => a.potentialRupiah
    )
    const [first, second] = byCategory
    expect(first?.[0]).toBe(published.largestPotential.categoryId)
    expect(first?.[1] ?? 0).toBeGreaterThan(2 * (second?.[1] ?? 0))
    const machine = dataset.assessments.filter((a) => a.categoryId === "komponen-mesin")
    const [top] = sumBy(
      machine,
      (a) => a.counterpartId,
      (a) => a.potentialRupiah
    )
    expect(top?.[0]).toBe(published.largestPotential.counterpartId)
    expect(top?.[1] ?? 0).toBeGreaterThan(0.5 * (first?.[1] ?? 0))
    const [cell] = sumBy(
      dataset.assessments,
      (a) => `${a.counterpartId} ${a.categoryId}`,
      (a) => a.potentialRupiah
    )
    expect(cell?.[0]).toBe("inka komponen-mesin")
  })

  it("the forum's facts: 24 November 2022 at Gedung Smesco, results on 2 December 2022, the organisers", () => {
    const { forum } = dataset
    expect(forum.heldOn).toBe(published.heldOn)
    expect(`${forum.venue.name}, ${forum.venue.city}`).toBe(published.venue)
    expect(forum.resultsAnnounced.on).toBe(published.resultsAnnouncedOn)
    expect(forum.organiser.shortName).toBe(published.organiser)
    expect(forum.coOrganisers.map((o) => o.shortName)).toEqual(published.coOrganisers)
    expect(forum.name).toBe(published.forumName)
    const { largestPotential, ...figures } = forum.published
    expect(largestPotential).toEqual(published.largestPotential)
    expect(figures).toEqual({
      participants: published.participants,
      provinces: published.provinces,
      assessedSmes: published.assessedSmes,
      counterpartsInAssessments: published.counterpartsInAssessments,
      potentialRupiah: published.potentialRupiah
    })
  })
})

describe("references and consistency", () => {
  it("every assessment resolves to a held consultation of the same SME and counterpart, answering one of its needs", () => {
    const consultations = new Map(dataset.consultations.map((c) => [c.id, c]))
    const smes = new Set(dataset.smes.map((s) => s.id))
    const needs = new Map(
      dataset.counterparts.flatMap((c) => c.needs.map((n) => [n.id, { ...n, counterpartId: c.id }]))
    )
    for (const a of dataset.assessments) {
      const consultation = consultations.get(a.consultationId)
      expect(consultation?.outcome).toBe("held")
      expect([consultation?.smeId, consultation?.counterpartId]).toEqual([a.smeId, a.counterpartId])
      expect(smes.has(a.smeId)).toBe(true)
      expect(needs.get(a.needId)).toMatchObject({ counterpartId: a.counterpartId, categoryId: a.categoryId })
      expect(a.recordedAt.slice(0, 10)).toBe("2022-11-24")
    }
    const pairs = dataset.assessments.map((a) => `${a.smeId} ${a.counterpartId}`)
    expect(new Set(pairs).size).toBe(pairs.length)
  })

  it("consultations are at the forum, on its day, and no SME is in two places at once", () => {
    const counterparts = new Set(dataset.counterparts.map((c) => c.id))
    for (const c of dataset.consultations) {
      expect(c.forumId).toBe(dataset.forum.id)
      expect(counterparts.has(c.counterpartId)).toBe(true)
      expect(c.startsAt.startsWith("2022-11-24T")).toBe(true)
      expect(c.scheduledOn < "2022-11-24").toBe(true)
    }
    const slots = dataset.consultations.map((c) => `${c.smeId} ${c.startsAt}`)
    expect(new Set(slots).size).toBe(slots.length)
    const desks = dataset.consultations.map((c) => `${c.counterpartId} ${c.desk} ${c.startsAt}`)
    expect(new Set(desks).size).toBe(desks.length)
  })

  it("SMEs: unique 13-digit NIBs, ~15% informal, KBLI of their category, IKM exactly when manufacturing", () => {
    const kbli = new Map(dataset.categories.map((c) => [c.id, c.kbli.map((k) => k.code)]))
    const nibs = dataset.smes.flatMap((s) => (s.nib === undefined ? [] : [s.nib]))
    expect(new Set(nibs).size).toBe(nibs.length)
    expect(nibs.every((nib) => /^0000\d{9}$/.test(nib))).toBe(true)
    const informal = dataset.smes.length - nibs.length
    expect(informal / dataset.smes.length).toBeGreaterThan(0.1)
    expect(informal / dataset.smes.length).toBeLessThan(0.2)
    for (const sme of dataset.smes) {
      expect(kbli.get(sme.categoryId)).toContain(sme.kbli)
      const division = Number(sme.kbli.slice(0, 2))
      expect(sme.kind).toBe(division >= 10 && division <= 33 ? "IKM" : "UKM")
      expect(sme.foundedYear).toBeLessThanOrEqual(2022)
      expect(sme.registeredOn < "2022-11-24").toBe(true)
    }
    expect(dataset.categories).toHaveLength(12)
  })

  it("2021 baseline (the last whole year, declared at registration): ~70% micro, ~25% small, ~5% medium by annual sales, with SMEs exactly on each ceiling", () => {
    const baseline = dataset.businessFigures.filter((f) => f.kind === "reported" && f.year === 2021)
    expect(baseline.every((f) => f.reportedOn < "2022-11-24")).toBe(true)
    expect(baseline).toHaveLength(748)
    const classes = countBy(baseline, (f) => String(salesClass(f.annualSalesRupiah)))
    expect((classes.get("0") ?? 0) / 748).toBeCloseTo(0.7, 1)
    expect((classes.get("1") ?? 0) / 748).toBeCloseTo(0.25, 1)
    expect((classes.get("2") ?? 0) / 748).toBeCloseTo(0.05, 1)
    expect(classes.get("3")).toBeUndefined()
    const sales = new Set(baseline.map((f) => f.annualSalesRupiah))
    for (const ceiling of [2_000_000_000, 15_000_000_000, 50_000_000_000]) expect(sales.has(ceiling)).toBe(true)
  })

  it("each potential is at most the SME's 2021 annual sales, and below the Rp15 billion MSME package ceiling", () => {
    const sales = new Map(
      dataset.businessFigures
        .filter((f) => f.kind === "reported" && f.year === 2021)
        .map((f) => [f.smeId, f.annualSalesRupiah])
    )
    for (const a of dataset.assessments) {
      expect(a.potentialRupiah).toBeLessThanOrEqual(sales.get(a.smeId) ?? 0)
      expect(a.potentialRupiah).toBeLessThan(15_000_000_000)
    }
  })

  it("money is whole rupiah >= 0 everywhere", () => {
    const amounts = [
      ...dataset.assessments.map((a) => a.potentialRupiah),
      ...dataset.businessFigures.flatMap((f) => [f.annualSalesRupiah, f.businessCapitalRupiah]),
      ...dataset.followUps.flatMap((f) => ("valueRupiah" in f ? [f.valueRupiah] : []))
    ]
    expect(amounts.length).toBeGreaterThan(4000)
    expect(amounts.every((n) => Number.isSafeInteger(n) && n >= 0)).toBe(true)
  })
})

describe("the synthetic follow-up (2023 to 2025)", () => {
  it("steps are ordered per assessment, after the forum, within 2023-01-01..2025-12-31", () => {
    const paths = [
      "closed-without-deal",
      "vendor-registered",
      "vendor-registered > closed-without-deal",
      "vendor-registered > contract-awarded",
      "vendor-registered > contract-awarded > delivery-accepted"
    ]
    const byAssessment = new Map<string, Array<(typeof dataset.followUps)[number]>>()
    for (const step of dataset.followUps)
      byAssessment.set(step.assessmentId, [...(byAssessment.get(step.assessmentId) ?? []), step])
    for (const steps of byAssessment.values()) {
      expect(paths).toContain(steps.map((s) => s.step).join(" > "))
      const dates = steps.map((s) => s.on)
      expect(dates).toEqual([...dates].sort())
      const contract = steps.find((s) => s.step === "contract-awarded")
      const delivery = steps.find((s) => s.step === "delivery-accepted")
      if (delivery !== undefined) {
        expect((contract?.on ?? "9999") < delivery.on).toBe(true)
        expect(delivery.valueRupiah).toBeLessThanOrEqual(contract?.valueRupiah ?? 0)
      }
    }
    for (const step of dataset.followUps) {
      expect(step.on >= "2023-01-01" && step.on <= "2025-12-31").toBe(true)
    }
  })

  it("the funnel: ~45% registered as vendors, ~40% of those contracted, ~75% of contracts delivered", () => {
    const reached = (step: string) =>
      new Set(dataset.followUps.filter((f) => f.step === step).map((f) => f.assessmentId))
    const registered = reached("vendor-registered").size
    const contracted = reached("contract-awarded").size
    const delivered = reached("delivery-accepted").size
    expect(registered / dataset.assessments.length).toBeCloseTo(0.45, 1)
    expect(contracted / registered).toBeCloseTo(0.4, 1)
    expect(delivered / contracted).toBeCloseTo(0.75, 1)
    expect(reached("closed-without-deal").size).toBeGreaterThan(0)
  })

  it("business figures: every SME reports 2021 and 2023 to 2025, each later year once it is whole; most stay in class, some advance, a few decline", () => {
    const reports = dataset.businessFigures.filter((f) => f.kind === "reported")
    expect(countBy(reports, (f) => String(f.year))).toEqual(
      new Map([
        ["2021", 748],
        ["2023", 748],
        ["2024", 748],
        ["2025", 748]
      ])
    )
    const sales = (year: number) =>
      new Map(reports.filter((f) => f.year === year).map((f) => [f.smeId, f.annualSalesRupiah]))
    for (const f of reports) if (f.year > 2021) expect(f.reportedOn > `${f.year}-12-31`).toBe(true)
    const [from, to] = [sales(2021), sales(2025)]
    const moves = dataset.smes.map((s) => salesClass(to.get(s.id) ?? 0) - salesClass(from.get(s.id) ?? 0))
    const up = moves.filter((m) => m > 0).length
    const down = moves.filter((m) => m < 0).length
    expect(moves.filter((m) => m === 0).length / moves.length).toBeGreaterThan(0.8)
    expect(up).toBeGreaterThan(down)
    expect(down).toBeGreaterThan(0)
  })

  it("a correction replaces an earlier report of the same year; formalised SMEs had no NIB", () => {
    const corrections = dataset.businessFigures.filter((f) => f.kind === "corrected")
    expect(corrections).toHaveLength(1)
    for (const correction of corrections) {
      const report = dataset.businessFigures.find(
        (f) => f.kind === "reported" && f.smeId === correction.smeId && f.year === correction.year
      )
      expect(report !== undefined && report.reportedOn < correction.reportedOn).toBe(true)
      expect(report?.annualSalesRupiah).not.toBe(correction.annualSalesRupiah)
    }
    const informal = new Set(dataset.smes.filter((s) => s.nib === undefined).map((s) => s.id))
    expect(dataset.formalisations.length).toBeGreaterThan(0)
    for (const f of dataset.formalisations) {
      expect(informal.has(f.smeId)).toBe(true)
      expect(f.obtainedOn >= "2023-01-01" && f.obtainedOn <= "2025-12-31").toBe(true)
    }
  })
})

describe("the generator and the loader", () => {
  it("generating twice gives identical files, and they are the committed files byte for byte", async () => {
    const first = Generator.files()
    expect(Generator.files()).toEqual(first)
    for (const file of first) expect(await fs.readFile(path.join(dataDir, file.name), "utf8")).toBe(file.content)
    expect(first.reduce((size, file) => size + file.content.length, 0)).toBeLessThan(2_000_000)
  })

  it("another seed gives other synthetic records but the same published figures", () => {
    const other = Generator.generate({ seed: 7 })
    expect(other.smes.map((s) => s.name)).not.toEqual(dataset.smes.map((s) => s.name))
    expect(other.assessments.reduce((sum, a) => sum + a.potentialRupiah, 0)).toBe(published.potentialRupiah)
    expect(new Set(other.assessments.map((a) => a.smeId)).size).toBe(published.assessedSmes)
    expect(Either.isRight(Dataset.decode(new Map(Dataset.encode(other).map((f) => [f.name, f.content]))))).toBe(true)
  })

  const committed = () => new Map(Generator.files().map((file) => [file.name, file.content]))

  it("every NIB of the dataset is in the synthetic range, which no issued NIB uses (0000 and nine digits)", () => {
    const nibs = [
      ...dataset.smes.flatMap((s) => (s.nib === undefined ? [] : [s.nib])),
      ...dataset.formalisations.map((f) => f.nib)
    ]
    expect(nibs.length).toBeGreaterThan(600)
    const outside = nibs.filter((nib) => !Records.isSyntheticNib(nib))
    expect(outside).toEqual([])
    expect(nibs.every((nib) => nib.startsWith(Records.syntheticNibPrefix) && nib.length === 13)).toBe(true)
  })

  it("an NIB outside the synthetic range, such as one OSS could have issued, does not load", () => {
    const contents = committed()
    const lines = (contents.get("formalisations.jsonl") ?? "").split("\n")
    lines[0] = (lines[0] ?? "").replace(/"nib":"\d+"/, '"nib":"2411220012345"')
    contents.set("formalisations.jsonl", lines.join("\n"))
    const result = Dataset.decode(contents)
    expect(Either.isLeft(result) && result.left).toMatchObject({
      _tag: "DatasetDecodeError",
      file: "formalisations.jsonl",
      line: 1
    })
    expect(Either.isLeft(result) && result.left.message).toContain("synthetic range")
    expect(Records.isSyntheticNib("0000123456789")).toBe(true)
    expect(Records.isSyntheticNib("2411220012345")).toBe(false)
    expect(Records.isSyntheticNib("000012345678")).toBe(false)
  })

  it("a line that does not decode fails with its file and line number", () => {
    const contents = committed()
    const lines = (contents.get("smes.jsonl") ?? "").split("\n")
    const index = lines.findIndex((line, i) => i >= 40 && line.includes('"nib":'))
    lines[index] = (lines[index] ?? "").replace(/"nib":"\d+"/, '"nib":"12345"')
    contents.set("smes.jsonl", lines.join("\n"))
    const result = Dataset.decode(contents)
    expect(index).toBeGreaterThanOrEqual(40)
    expect(Either.isLeft(result) && result.left).toMatchObject({
      _tag: "DatasetDecodeError",
      file: "smes.jsonl",
      line: index + 1
    })
    expect(Either.isLeft(result) && result.left.message).toContain(`smes.jsonl:${index + 1}`)
  })

  it("a dangling reference fails with its file and line number", () => {
    const contents = committed()
    const lines = (contents.get("assessments.jsonl") ?? "").split("\n")
    lines[9] = (lines[9] ?? "").replace(/"needId":"[^"]+"/, '"needId":"no-such-need"')
    contents.set("assessments.jsonl", lines.join("\n"))
    const result = Dataset.decode(contents)
    expect(Either.isLeft(result) && result.left).toMatchObject({
      _tag: "DatasetReferenceError",
      file: "assessments.jsonl",
      line: 10,
      reason: 'unknown need "no-such-need"'
    })
  })

  it.effect("a missing file fails with its name", () =>
    Effect.gen(function* () {
      const dir = yield* Effect.promise(() => fs.mkdtemp(path.join(os.tmpdir(), "forum-dataset-")))
      yield* Generator.write(dir)
      yield* Effect.promise(() => fs.rm(path.join(dir, "follow-up.jsonl")))
      const error = yield* Effect.flip(Dataset.load(dir))
      yield* Effect.promise(() => fs.rm(dir, { recursive: true }))
      expect(error).toMatchObject({ _tag: "DatasetFileError", file: "follow-up.jsonl" })
    })
  )
})
