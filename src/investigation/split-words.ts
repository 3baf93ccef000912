const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'for',
  'to',
  'in',
  'on',
  'at',
  'is',
  'are',
  'was',
  'be',
  'by',
  'with',
  'above',
  'below',
  'than',
  'over',
  'under',
  'since',
  'from',
  'it',
  'its',
  'this',
  'that',
  'minutes',
  'minute',
]);

/**
 * Words of an alert name, summary or message, lower-cased: `PaymentServiceHighLatency` →
 * payment, service, high, latency; `KubePodCrashLooping` → kube, pod, crash, looping, crashlooping.
 * CamelCase runs are also kept joined so `CrashLooping` and `OOMKilled` match their one-word forms.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.split(/[^A-Za-z0-9]+/)) {
    if (token === '') continue;
    const parts = token
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(' ')
      .map((part) => part.toLowerCase());
    words.push(...parts);
    if (parts.length > 1) {
      for (let index = 0; index + 1 < parts.length; index++) words.push(`${parts[index]}${parts[index + 1]}`);
    }
  }
  return words.filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}
