// Every option of ffmpeg's own table (5.1 and 7.1), classified by what it makes ffmpeg
// open. The resolver handles the `HANDLED` ones explicitly; `INERT` ones change encoding
// or timing but open nothing. A test checks that every option of every pinned catalogue
// is in exactly one of the two sets, so a new ffmpeg version cannot slip an unreviewed
// option through.

/** Options that open nothing (timing, mapping metadata, logging, queue sizes, …). */
export const INERT = new Set([
  "y", "n", "ignore_unknown", "copy_unknown", "recast_media", "map_metadata", "map_chapters", "map_channel",
  "ss", "sseof", "seek_timestamp", "accurate_seek", "isync", "itsoffset", "itsscale", "timestamp", "metadata",
  "program", "stream_group", "benchmark", "benchmark_all", "stdin", "timelimit", "dump", "hex", "re", "readrate",
  "readrate_initial_burst", "vsync", "frame_drop_threshold", "async", "adrift_threshold", "copyts", "start_at_zero",
  "copytb", "shortest", "shortest_buf_duration", "bitexact", "apad", "dts_delta_threshold", "dts_error_threshold",
  "xerror", "abort_on", "copyinkf", "copypriorss", "tag", "vtag", "atag", "stag", "filter_threads", "reinit_filter",
  "filter_complex_threads", "auto_conversion_filters", "stats", "stats_period", "stream_loop", "debug_ts",
  "max_error_rate", "discard", "disposition", "thread_queue_size", "find_stream_info", "bits_per_raw_sample",
  "fpsmax", "aspect", "pix_fmt", "vn", "an", "sn", "dn", "rc_override", "timecode", "psnr", "vstats_version",
  "intra_matrix", "inter_matrix", "chroma_intra_matrix", "top", "qphist", "fps_mode", "force_fps", "streamid",
  "force_key_frames", "hwaccel_output_format", "autorotate", "autoscale", "ar", "ac", "vol", "sample_fmt",
  "channel_layout", "ch_layout", "guess_layout_max", "fix_sub_duration", "fix_sub_duration_heartbeat", "canvas_size",
  "muxdelay", "muxpreload", "time_base", "enc_time_base", "bsf", "absf", "vbsf", "max_muxing_queue_size",
  "muxing_queue_data_threshold", "filter_hw_device", "loglevel", "v", "hide_banner", "max_alloc", "cpuflags",
  "cpucount", "stats_enc_pre_fmt", "stats_enc_post_fmt", "stats_mux_pre_fmt", "display_rotation", "display_hflip",
  "display_vflip", "apply_cropping", "dframes", "vframes", "aframes", "frames", "profile",
]);

/** Options the resolver reads (formats, codecs, graphs, rates, and everything that opens something). */
export const HANDLED = new Set([
  // information only: print and exit
  "L", "h", "?", "help", "-help", "version", "buildconf", "formats", "muxers", "demuxers", "devices", "codecs",
  "decoders", "encoders", "bsfs", "protocols", "filters", "pix_fmts", "layouts", "sample_fmts", "dispositions",
  "colors", "hwaccels",
  // list a device's sources or sinks: opens the device
  "sources", "sinks",
  // what is read and written
  "f", "c", "codec", "vcodec", "acodec", "scodec", "dcodec", "map", "t", "to", "fs", "s", "r", "q", "qscale", "aq",
  "b", "ab", "target", "filter", "vf", "af", "filter_complex", "lavfi", "filter_script", "filter_complex_script",
  "pre", "vpre", "apre", "spre", "fpre", "progress", "report", "vstats", "vstats_file", "sdp_file", "attach",
  "dump_attachment", "pass", "passlogfile", "hwaccel", "hwaccel_device", "vaapi_device", "qsv_device",
  "init_hw_device", "stats_enc_pre", "stats_enc_post", "stats_mux_pre",
]);

/** Exit options whose only effect is printing (`-sources`/`-sinks` open devices, so are not here). */
export const INFO_ONLY = new Set([
  "L", "h", "?", "help", "-help", "version", "buildconf", "formats", "muxers", "demuxers", "devices", "codecs",
  "decoders", "encoders", "bsfs", "protocols", "filters", "pix_fmts", "layouts", "sample_fmts", "dispositions",
  "colors", "hwaccels",
]);
