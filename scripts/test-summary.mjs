// Prints the plain closing line of a vitest JSON report: "tests: N passed, N failed, N skipped".
import { readFileSync } from "node:fs"

const report = JSON.parse(readFileSync(process.argv[2], "utf8"))
const skipped = report.numPendingTests + report.numTodoTests
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`)
if (report.numTotalTests === 0) {
  console.error("no test ran")
  process.exit(1)
}
