/**
 * `namespace/pod/container` → the container's current log; `namespace/pod/container/previous` →
 * the log of its previous (terminated) instance, as `kubectl logs --previous` shows; `namespace/pod`
 * → the pod's first container.
 */
export function parseLogKey(
  key: string,
): { namespace: string; pod: string; container: string | undefined; previous: boolean } | undefined {
  const parts = key.split('/');
  if (parts.some((part) => part.trim() === '')) return undefined;
  const [namespace, pod, container, marker] = parts;
  if (namespace === undefined || pod === undefined || parts.length > 4) return undefined;
  if (marker !== undefined && marker !== 'previous') return undefined;
  return { namespace, pod, container, previous: marker === 'previous' };
}
