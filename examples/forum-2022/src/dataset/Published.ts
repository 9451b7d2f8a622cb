/**
 * The figures and facts the sources publish about the forum of 24 November 2022: what a replay of
 * the dataset must reconcile with. From the seed (the minister's statement of 2 December 2022, quoted
 * by Antara) unless noted; PT Pupuk Indonesia as the 17th SOE is from Warta Ekonomi's report of
 * 24 November 2022.
 *
 * @since 0.1.0
 */

/** The published facts. */
export const published = {
  /** The forum's name. */
  forumName: "Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar",
  /** The day it was held. */
  heldOn: "2022-11-24",
  /** Where. */
  venue: "Gedung Smesco, Jakarta",
  /** The day the results were announced, by the Minister of Cooperatives and SMEs. */
  resultsAnnouncedOn: "2022-12-02",
  /** The organiser: the Ministry of Cooperatives and SMEs. */
  organiser: "KemenKopUKM",
  /** The co-organisers: the ministries of SOEs, of Industry, and of Investment/BKPM. */
  coOrganisers: ["Kementerian BUMN", "Kemenperin", "Kementerian Investasi/BKPM"],
  /** SME/IKM participants. */
  participants: 748,
  /** The provinces they came from. */
  provinces: 25,
  /** SMEs with a direct business assessment or consultation. */
  assessedSmes: 630,
  /** The BUMN/Usaha Besar those assessments were with. */
  counterpartsInAssessments: 17,
  /** The cooperation potential recorded, in rupiah (IDR 224.8 billion). */
  potentialRupiah: 224_800_000_000,
  /** The largest potential: machine components and spare parts, asked for by PT INKA (dataset ids). */
  largestPotential: { categoryId: "komponen-mesin", counterpartId: "inka" },
  /** The counterparts that joined: 17 SOEs and 2 large enterprises. */
  counterpartsJoined: { bumn: 17, usahaBesar: 2 }
} as const
