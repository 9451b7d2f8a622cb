import * as fs from "node:fs/promises"

const fence = "```"

/**
 * The fenced block of `language` that follows the line holding `marker` in a Markdown file, without
 * its fences: how tests keep the code and output shown in docs equal to what the code does.
 */
export const blockAfter = async (file: string | URL, marker: string, language: string): Promise<string> => {
  const lines = (await fs.readFile(file, "utf8")).split("\n")
  const at = lines.findIndex((line) => line.includes(marker))
  const open = lines.findIndex((line, i) => at >= 0 && i > at && line === `${fence}${language}`)
  const close = lines.findIndex((line, i) => open >= 0 && i > open && line === fence)
  if (close < 0) throw new Error(`${String(file)}: no ${fence}${language} block after "${marker}"`)
  return lines.slice(open + 1, close).join("\n")
}
