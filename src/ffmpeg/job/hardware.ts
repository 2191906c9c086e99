// Hardware encoders, decoders and filters open a device, named by their suffix
// (`h264_vaapi`, `scale_cuda`): one table for all three, so a new suffix cannot be known to
// one and missed by another.

const HARDWARE_SUFFIX = /_(vaapi|nvenc|cuvid|cuda|npp|opencl|qsv|vdpau|v4l2m2m|omx|vulkan|mmal|rkmpp|mediacodec|amf|mf|videotoolbox)$/;

/** Suffixes whose device has another name. */
const DEVICE_OF: ReadonlyMap<string, string> = new Map([
  ["nvenc", "cuda"],
  ["cuvid", "cuda"],
  ["npp", "cuda"],
]);

/** The device a codec or filter of this name opens, or null for a software one. */
export function hardwareDevice(name: string): string | null {
  const suffix = HARDWARE_SUFFIX.exec(name)?.[1];
  return suffix === undefined ? null : (DEVICE_OF.get(suffix) ?? suffix);
}
