/** An 8-bit grayscale raster, row-major, one byte per pixel (0 = black). */
export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A page raster with the resolution it was made at, so boxes can be mapped back to the page. */
export interface PageImage extends GrayImage {
  index: number;
  dpi: number;
}
