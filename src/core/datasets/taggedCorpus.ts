/** Sentences with per-token tags and optional sentence-level labels, as read from a file. */
export interface TaggedSentence {
  tokens: string[];
  /** Tag column → one tag per token. */
  tags: Record<string, string[]>;
  /** Sentence label key → value (from `# key = value` comments). */
  labels: Record<string, string>;
}

export interface TaggedCorpus {
  sentences: TaggedSentence[];
  tagColumns: string[];
  labelKeys: string[];
}
