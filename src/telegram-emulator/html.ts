import type { MessageEntity } from "telegraf/types";
import { badRequest } from "./api-error.js";

/** What a user reads, and the formatting Telegram derives from `parse_mode: "HTML"`. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

type SimpleEntityType = "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "code" | "blockquote";

const SIMPLE_TAGS: Record<string, SimpleEntityType> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  code: "code",
  blockquote: "blockquote",
};
const SUPPORTED_TAGS = new Set([...Object.keys(SIMPLE_TAGS), "a", "pre", "tg-emoji"]);
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  start: number;
  attributes: Record<string, string>;
  language?: string;
}

/**
 * Parses Telegram's HTML subset the way the Bot API does, so a bot that forgets to escape user
 * input ("<", "&") fails here with the same "can't parse entities" error it would get in production.
 */
export function parseHtml(raw: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const open: OpenTag[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw.charAt(i);
    if (ch === "&") {
      const decoded = decodeEntityAt(raw, i);
      text += decoded.text;
      i += decoded.consumed;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i += 1;
      continue;
    }
    if (raw.charAt(i + 1) === "/") {
      const close = raw.indexOf(">", i);
      if (close < 0) throw parseError(`Unclosed end tag at byte offset ${byteOffset(raw, i)}`);
      const name = raw
        .slice(i + 2, close)
        .trim()
        .toLowerCase();
      const top = open.pop();
      if (top === undefined) throw parseError(`Unexpected end tag at byte offset ${byteOffset(raw, i)}`);
      if (name !== "" && name !== top.name) {
        throw parseError(
          `Unmatched end tag at byte offset ${byteOffset(raw, i)}, expected "</${top.name}>", found "</${name}>"`,
        );
      }
      closeTag(top, text.length, entities, open[open.length - 1]);
      i = close + 1;
      continue;
    }
    const name = (/^[a-zA-Z][a-zA-Z0-9-]*/.exec(raw.slice(i + 1, i + 40))?.[0] ?? "").toLowerCase();
    if (!SUPPORTED_TAGS.has(name)) {
      throw parseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(raw, i)}`);
    }
    const close = raw.indexOf(">", i);
    if (close < 0) throw parseError(`Unclosed start tag at byte offset ${byteOffset(raw, i)}`);
    open.push({
      name,
      start: text.length,
      attributes: parseAttributes(raw.slice(i + 1 + name.length, close)),
    });
    i = close + 1;
  }
  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) {
    throw parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function closeTag(tag: OpenTag, end: number, entities: MessageEntity[], parent: OpenTag | undefined): void {
  const offset = tag.start;
  const length = end - tag.start;
  const language = /^language-(.+)$/.exec(tag.attributes.class ?? "")?.[1];
  // <pre><code class="language-x"> is one pre entity carrying the language
  if (tag.name === "code" && parent?.name === "pre" && language !== undefined) {
    parent.language = language;
    return;
  }
  if (length === 0) return;
  if (tag.name === "a") {
    const url = tag.attributes.href;
    if (url !== undefined) entities.push({ type: "text_link", offset, length, url });
    return;
  }
  if (tag.name === "pre") {
    entities.push(
      tag.language === undefined
        ? { type: "pre", offset, length }
        : { type: "pre", offset, length, language: tag.language },
    );
    return;
  }
  if (tag.name === "tg-emoji") {
    entities.push({
      type: "custom_emoji",
      offset,
      length,
      custom_emoji_id: tag.attributes["emoji-id"] ?? "",
    });
    return;
  }
  const type = SIMPLE_TAGS[tag.name];
  if (type !== undefined) entities.push({ type, offset, length });
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    const [, name, double, single, bare] = match;
    if (name !== undefined) attributes[name.toLowerCase()] = decodeAll(double ?? single ?? bare ?? "");
  }
  return attributes;
}

function decodeAll(value: string): string {
  let out = "";
  let i = 0;
  while (i < value.length) {
    if (value.charAt(i) === "&") {
      const decoded = decodeEntityAt(value, i);
      out += decoded.text;
      i += decoded.consumed;
    } else {
      out += value.charAt(i);
      i += 1;
    }
  }
  return out;
}

/** An unknown or unterminated "&..." stays literal, as Telegram leaves it. */
function decodeEntityAt(source: string, at: number): { text: string; consumed: number } {
  const match = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/.exec(source.slice(at, at + 12));
  const body = match?.[1];
  if (match === null || body === undefined) return { text: "&", consumed: 1 };
  if (body.startsWith("#")) {
    const code = body.startsWith("#x")
      ? Number.parseInt(body.slice(2), 16)
      : Number.parseInt(body.slice(1), 10);
    if (code > 0x10ffff) return { text: "&", consumed: 1 };
    return { text: String.fromCodePoint(code), consumed: match[0].length };
  }
  const named = NAMED_ENTITIES[body.toLowerCase()];
  return named === undefined ? { text: "&", consumed: 1 } : { text: named, consumed: match[0].length };
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), "utf8");
}

function parseError(what: string): Error {
  return badRequest(`can't parse entities: ${what}`);
}
