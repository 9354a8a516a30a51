export interface Size {
  width: number;
  height: number;
}

/** A point of an image as fractions of its width and height: (0, 0) top left, (1, 1) bottom right. */
export interface FocalPoint {
  x: number;
  y: number;
}

export const CENTRE: FocalPoint = Object.freeze({ x: 0.5, y: 0.5 });

export interface CoverCrop {
  /** The part of the (oriented) source that is kept: the largest with the target's aspect ratio. */
  region: { left: number; top: number; width: number; height: number };
  /** What the region is resized to: the target, or smaller when the source is smaller (never enlarged). */
  output: Size;
}

/**
 * `fit=cover` around a focal point: the largest region of the source with the target's aspect ratio, centred on
 * the focal point as far as the source's edges allow, then scaled down to the target. All sizes are whole pixels
 * of at least 1.
 */
export function focalCoverCrop(source: Size, target: Size, focal: FocalPoint): CoverCrop {
  const ratio = target.width / target.height;
  let width = source.width;
  let height = source.height;
  if (source.width / source.height > ratio) width = clamp(Math.round(source.height * ratio), 1, source.width);
  else height = clamp(Math.round(source.width / ratio), 1, source.height);

  const left = clamp(Math.round(focal.x * source.width - width / 2), 0, source.width - width);
  const top = clamp(Math.round(focal.y * source.height - height / 2), 0, source.height - height);

  let output: Size;
  if (width >= target.width && height >= target.height) output = { width: target.width, height: target.height };
  else {
    const scale = Math.min(1, target.width / width, target.height / height);
    output = {
      width: clamp(Math.round(width * scale), 1, target.width),
      height: clamp(Math.round(height * scale), 1, target.height),
    };
  }
  return { region: { left, top, width, height }, output };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
