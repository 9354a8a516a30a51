export interface FocalPoint {
  x: number;
  y: number;
}

/** The centre, where variants crop when an asset has no focal point. */
export const CENTRE: FocalPoint = { x: 0.5, y: 0.5 };

/** How far one arrow key press moves the focal point (a twentieth of the image). */
const STEP = 0.05;

/** The focal point under a click on the image: fractions from the top left, three decimals (as variants take). */
export function focalPointAt(event: MouseEvent, image: DOMRect): FocalPoint {
  return {
    x: fraction((event.clientX - image.left) / image.width),
    y: fraction((event.clientY - image.top) / image.height),
  };
}

/** The focal point after an arrow key, or null for other keys. */
export function movedFocalPoint(point: FocalPoint, key: string): FocalPoint | null {
  switch (key) {
    case 'ArrowLeft':
      return { ...point, x: fraction(point.x - STEP) };
    case 'ArrowRight':
      return { ...point, x: fraction(point.x + STEP) };
    case 'ArrowUp':
      return { ...point, y: fraction(point.y - STEP) };
    case 'ArrowDown':
      return { ...point, y: fraction(point.y + STEP) };
    default:
      return null;
  }
}

export function sameFocalPoint(a: FocalPoint | null, b: FocalPoint | null): boolean {
  return a === b || (!!a && !!b && a.x === b.x && a.y === b.y);
}

function fraction(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}
