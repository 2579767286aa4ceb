import type { NarrativeSentence } from '@nianbao/core';

export interface SentenceOffer {
  readonly sentence: NarrativeSentence;
  /** absent: not in the text; current: in the text as is; outdated: in the text with other numbers. */
  readonly status: 'absent' | 'current' | 'outdated';
  /** The outdated wording found in the text. */
  readonly found?: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern matching the sentence with any numbers in place of its numbers. */
export function sentencePattern(text: string): RegExp {
  const parts = text.split(/\d+(?:\.\d+)?/);
  return new RegExp(parts.map(escapeRe).join('\\d+(?:\\.\\d+)?'));
}

/** What each of core's sentences means for a section's text: insert it, it is there, or update its numbers. */
export function sentenceOffers(text: string, sentences: readonly NarrativeSentence[]): SentenceOffer[] {
  return sentences.map((sentence) => {
    if (text.includes(sentence.text)) return { sentence, status: 'current' };
    const m = sentencePattern(sentence.text).exec(text);
    if (m) return { sentence, status: 'outdated', found: m[0] };
    return { sentence, status: 'absent' };
  });
}
