/**
 * Chromium for the browser tests: Debian's `chromium` package at /usr/bin/chromium, installed with
 * apt-get when missing (CI runs as root with Debian's archive reachable). When it cannot be had,
 * the error says why: the browser test fails, it never skips.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"

/** Where Debian's package puts the browser. */
export const executablePath = "/usr/bin/chromium"

/** The flags of a headless run that reaches nothing outside the machine. */
export const args = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]

const run = (command: string, argv: ReadonlyArray<string>): string | undefined => {
  const result = spawnSync(command, argv, {
    encoding: "utf8",
    timeout: 540_000,
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
  })
  if (result.error !== undefined) return `${command} ${argv.join(" ")}: ${result.error.message}`
  if (result.status !== 0) {
    return `${command} ${argv.join(" ")} exited with ${result.status}: ${(result.stderr || result.stdout).trim().split("\n").slice(-5).join(" | ")}`
  }
  return undefined
}

/** The browser's path, installing Debian's `chromium` first when it is missing; throws saying why it cannot. */
export const ensure = (): string => {
  if (fs.existsSync(executablePath)) return executablePath
  const problem = run("apt-get", ["update"]) ?? run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"])
  if (problem !== undefined || !fs.existsSync(executablePath)) {
    throw new Error(
      `no Chromium at ${executablePath}, and installing Debian's chromium package failed (${problem ?? "nothing installed there"}); the browser test needs it: run apt-get install chromium as root`
    )
  }
  return executablePath
}
