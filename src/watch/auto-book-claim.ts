// The one claim a watch that books by itself takes before it places an order (SET NX per watch): two
// replicas, or two places freed at once, never both post. Kept while an order may exist; given back
// only when the hospital said nothing was booked. Under the user's id so /deletedata finds it.
export const autoBookClaimKey = (prefix: string, userId: number, watchId: string) =>
  `${prefix}watch-autobook:${userId}:${watchId}`;
export const autoBookClaimPattern = (prefix: string, userId: number) => `${prefix}watch-autobook:${userId}:*`;
