// Loading a pinned catalogue and the lookups every layer needs. The data files are
// generated (scripts/generate-catalogue.mjs) and loaded lazily: most commands need only
// the default one.

import { OptionTable } from "../options.js";
import { readData } from "../read-data.js";
import type { UrlContext } from "../url.js";
import type { Catalogue, EncoderInfo, MediaType } from "./types.js";
import { ownEntry } from "../../base/tables.js";

export type { Catalogue } from "./types.js";

/** The default everywhere: Debian 12's ffmpeg 5.1 (DESIGN.md). */
export const DEFAULT_CATALOGUE_ID = "ffmpeg-5.1-debian12";

const FILES: Readonly<Record<string, string>> = {
  "ffmpeg-5.1-debian12": "./data/ffmpeg-5.1.json",
  "ffmpeg-7.1-debian13": "./data/ffmpeg-7.1.json",
};

/** The AVOption flag letter of each media type (V, A, S); data and attachments have none. */
const MEDIA_FLAGS: Readonly<Record<MediaType, string>> = { video: "V", audio: "A", subtitle: "S", data: "", attachment: "" };
const loaded = new Map<string, CatalogueIndex>();

export function catalogueIds(): string[] {
  return Object.keys(FILES);
}

/** The catalogue with this id (or whose major.minor is this, e.g. "7.1"); null if unknown. */
export function loadCatalogue(idOrVersion: string = DEFAULT_CATALOGUE_ID): CatalogueIndex | null {
  const id = ownEntry(FILES, idOrVersion) !== undefined ? idOrVersion : Object.keys(FILES).find((key) => key.startsWith(`ffmpeg-${idOrVersion}-`));
  if (id === undefined) return null;
  let index = loaded.get(id);
  if (index === undefined) {
    index = new CatalogueIndex(readData<Catalogue>(new URL(FILES[id]!, import.meta.url)));
    loaded.set(id, index);
  }
  return index;
}

export function defaultCatalogue(): CatalogueIndex {
  return loadCatalogue(DEFAULT_CATALOGUE_ID)!;
}

/** A catalogue with the derived lookups (built once per catalogue). */
export class CatalogueIndex {
  readonly protocols: ReadonlySet<string>;
  /** Capture and output devices (`v4l2`, `pulse`, …) and hardware device types (`vaapi`, …). */
  readonly devices: ReadonlySet<string>;
  /** Muxer names and, for the extension aliases a policy may use (`mkv`), the muxer they name. */
  private readonly formatByName: ReadonlyMap<string, string>;

  /** ffmpeg's option lookup (find_option, opt_default) over this catalogue. */
  readonly options: OptionTable;
  /** What url parsing needs: every protocol, and those that nest (`crypto+http://`). */
  readonly urls: UrlContext;
  private readonly genericCodecOptions = new Map<MediaType, Map<string, boolean>>();

  constructor(readonly data: Catalogue) {
    this.options = new OptionTable(data);
    this.urls = { protocols: new Set([...data.protocols.input, ...data.protocols.output]), nested: new Set(data.nestedSchemeProtocols) };
    this.protocols = this.urls.protocols;
    const devices = new Set(data.hwDeviceTypes ?? []);
    for (const [name, muxer] of Object.entries(data.muxers)) if (muxer.device) devices.add(name);
    for (const [name, demuxer] of Object.entries(data.demuxers)) if (demuxer.device && name !== "lavfi") devices.add(name);
    this.devices = devices;
    const formats = new Map<string, string>();
    for (const [name, muxer] of Object.entries(data.muxers)) {
      for (const extension of muxer.extensions) if (!formats.has(extension)) formats.set(extension, name);
    }
    for (const name of Object.keys(data.muxers)) formats.set(name, name);
    this.formatByName = formats;
  }

  get id(): string {
    return this.data.id;
  }

  /**
   * Whether AVCodecContext's own option `name` reaches an encoder of this media type
   * (filter_codec_opts: encoding flag and the media's flag). Memoised: asked per stream.
   */
  isGenericCodecOption(name: string, media: MediaType): boolean {
    let byName = this.genericCodecOptions.get(media);
    if (byName === undefined) this.genericCodecOptions.set(media, (byName = new Map()));
    let generic = byName.get(name);
    if (generic === undefined) {
      const info = this.data.avOptions[name];
      const flag = MEDIA_FLAGS[media];
      generic = info !== undefined && info.classes.includes("AVCodecContext") && info.flags.includes("E") && (flag === "" || info.flags.includes(flag));
      byName.set(name, generic);
    }
    return generic;
  }

  codecType(name: string): MediaType | null {
    return this.data.codecs[name]?.type ?? null;
  }

  encoder(name: string): EncoderInfo | null {
    return this.data.encoders[name] ?? null;
  }

  hasFilter(name: string): boolean {
    return Object.hasOwn(this.data.filters, name);
  }

  /** The muxer a policy's format name means (`mp4` → mp4, `mkv` → matroska), or null. */
  muxer(name: string): string | null {
    return this.formatByName.get(name) ?? null;
  }

  codecNames(type: MediaType): string[] {
    return Object.entries(this.data.codecs)
      .filter(([, info]) => info.type === type)
      .map(([name]) => name);
  }

  encoderNames(type: MediaType): string[] {
    return Object.entries(this.data.encoders)
      .filter(([, info]) => info.type === type)
      .map(([name]) => name);
  }

  formatNames(): string[] {
    return [...this.formatByName.keys()];
  }
}
