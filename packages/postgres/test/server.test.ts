import { describe, expect, inject, it } from "vitest"
import pg from "pg"

describe("the test PostgreSQL", () => {
  it("answers on the URL the global setup provides", async () => {
    const client = new pg.Client({ connectionString: inject("postgresUrl") })
    await client.connect()
    try {
      const result = await client.query<{ server_version: string }>("SHOW server_version")
      expect(result.rows[0]?.server_version).toMatch(/^\d+/)
    } finally {
      await client.end()
    }
  })
})
