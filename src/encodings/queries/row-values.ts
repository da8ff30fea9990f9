/** node-postgres returns timestamptz as Date; the rest of the bot speaks epoch ms. */
export function toMs(value: Date | null | undefined): number | null {
  return value ? value.getTime() : null;
}

/** A profile as reports name it: "h264-720", or "#12" when the profile row is gone. */
export interface ProfileRef {
  id: number;
  name: string;
  /** mp4 | webm | gif. */
  extension: string;
  /** Output height; null for the gif preview. */
  resolution: number | null;
  codec: string | null;
}
