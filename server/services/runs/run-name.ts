import { randomInt } from "node:crypto";

const ADJECTIVES = [
  "amber",
  "brave",
  "calm",
  "clever",
  "eager",
  "gentle",
  "keen",
  "lucid",
  "mellow",
  "nimble",
  "quiet",
  "swift",
  "tidy",
  "vivid",
  "witty",
  "bold",
];
const NOUNS = [
  "otter",
  "falcon",
  "maple",
  "comet",
  "badger",
  "heron",
  "lynx",
  "cedar",
  "orca",
  "finch",
  "pike",
  "quartz",
  "raven",
  "willow",
  "yak",
  "zephyr",
];

/** A readable default display name, as MLflow gives runs ("gentle-owl-3"). */
export function randomRunName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1, 100)}`;
}
