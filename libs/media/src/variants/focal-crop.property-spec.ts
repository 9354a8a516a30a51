import fc from 'fast-check';
import { focalCoverCrop, type FocalPoint, type Size } from './focal-crop';

const size = (max: number) => fc.record({ width: fc.integer({ min: 1, max }), height: fc.integer({ min: 1, max }) });
const focal = fc.record({
  x: fc.double({ min: 0, max: 1, noNaN: true }),
  y: fc.double({ min: 0, max: 1, noNaN: true }),
});
const cases = fc.tuple(size(20_000), size(4096), focal);

describe(focalCoverCrop.name, () => {
  it('keeps the region inside the source, at least one pixel in each direction', () => {
    fc.assert(
      fc.property(cases, ([source, target, point]) => {
        const { region } = focalCoverCrop(source, target, point);
        expect(region.width).toBeGreaterThanOrEqual(1);
        expect(region.height).toBeGreaterThanOrEqual(1);
        expect(region.left).toBeGreaterThanOrEqual(0);
        expect(region.top).toBeGreaterThanOrEqual(0);
        expect(region.left + region.width).toBeLessThanOrEqual(source.width);
        expect(region.top + region.height).toBeLessThanOrEqual(source.height);
        expect(Number.isInteger(region.left) && Number.isInteger(region.top)).toBe(true);
      }),
    );
  });

  it('keeps as much of the source as the aspect ratio allows: one side is the whole source', () => {
    fc.assert(
      fc.property(cases, ([source, target, point]) => {
        const { region } = focalCoverCrop(source, target, point);
        expect(region.width === source.width || region.height === source.height).toBe(true);
      }),
    );
  });

  it("gives the region the target's aspect ratio, up to rounding to whole pixels", () => {
    fc.assert(
      fc.property(cases, ([source, target, point]) => {
        const { region } = focalCoverCrop(source, target, point);
        // The rounded side is off by at most half a pixel (or clamped to 1 pixel or the whole source).
        const widthFor = region.height * (target.width / target.height);
        const heightFor = region.width * (target.height / target.width);
        const widthOff = Math.abs(region.width - widthFor);
        const heightOff = Math.abs(region.height - heightFor);
        expect(Math.min(widthOff, heightOff) <= 0.5 + 1e-9 || region.width === 1 || region.height === 1).toBe(true);
      }),
    );
  });

  it('contains the focal point, centred on it unless an edge of the source is in the way', () => {
    fc.assert(
      fc.property(cases, ([source, target, point]) => {
        const { region } = focalCoverCrop(source, target, point);
        const fx = point.x * source.width;
        const fy = point.y * source.height;
        expect(fx).toBeGreaterThanOrEqual(region.left - 0.5);
        expect(fx).toBeLessThanOrEqual(region.left + region.width + 0.5);
        expect(fy).toBeGreaterThanOrEqual(region.top - 0.5);
        expect(fy).toBeLessThanOrEqual(region.top + region.height + 0.5);
        const atHorizontalEdge = region.left === 0 || region.left + region.width === source.width;
        const atVerticalEdge = region.top === 0 || region.top + region.height === source.height;
        if (!atHorizontalEdge) expect(Math.abs(region.left + region.width / 2 - fx)).toBeLessThanOrEqual(0.5);
        if (!atVerticalEdge) expect(Math.abs(region.top + region.height / 2 - fy)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('moves the region with the focal point, never against it', () => {
    fc.assert(
      fc.property(size(20_000), size(4096), focal, focal, (source, target, a, b) => {
        const [left, right] = a.x <= b.x ? [a, b] : [b, a];
        const cropLeft = focalCoverCrop(source, target, { x: left.x, y: 0.5 });
        const cropRight = focalCoverCrop(source, target, { x: right.x, y: 0.5 });
        expect(cropRight.region.left).toBeGreaterThanOrEqual(cropLeft.region.left);
      }),
    );
  });

  it('outputs the exact target when the region is large enough, and never enlarges', () => {
    fc.assert(
      fc.property(cases, ([source, target, point]) => {
        const { region, output } = focalCoverCrop(source, target, point);
        expect(output.width).toBeLessThanOrEqual(target.width);
        expect(output.height).toBeLessThanOrEqual(target.height);
        expect(output.width).toBeLessThanOrEqual(region.width);
        expect(output.height).toBeLessThanOrEqual(region.height);
        expect(output.width).toBeGreaterThanOrEqual(1);
        expect(output.height).toBeGreaterThanOrEqual(1);
        if (region.width >= target.width && region.height >= target.height) expect(output).toEqual(target);
      }),
    );
  });

  it('matches worked examples', () => {
    const landscape: Size = { width: 4000, height: 3000 };
    const square: Size = { width: 400, height: 400 };
    const at = (x: number, y: number): FocalPoint => ({ x, y });

    expect(focalCoverCrop(landscape, square, at(0.5, 0.5))).toEqual({
      region: { left: 500, top: 0, width: 3000, height: 3000 },
      output: square,
    });
    expect(focalCoverCrop(landscape, square, at(0, 0.5)).region.left).toBe(0);
    expect(focalCoverCrop(landscape, square, at(1, 0.5)).region.left).toBe(1000);
    expect(focalCoverCrop(landscape, square, at(0.3, 0.5)).region.left).toBe(0);
    expect(focalCoverCrop(landscape, square, at(0.6, 0.5)).region.left).toBe(900);
    // A small source is cropped to the ratio but not enlarged.
    expect(focalCoverCrop({ width: 300, height: 100 }, square, at(0.5, 0.5))).toEqual({
      region: { left: 100, top: 0, width: 100, height: 100 },
      output: { width: 100, height: 100 },
    });
  });
});
