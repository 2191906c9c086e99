/*
 * ffpolicy catalogue probe: asks the FFmpeg libraries (the same shared libraries the
 * distribution's ffmpeg binary runs on) for the facts scripts/generate-catalogue.mjs
 * needs, and prints them as one JSON document on stdout.
 *
 * Build (the generator does this itself):
 *   cc -O1 -o probe probe.c $(pkg-config --cflags --libs libavdevice libavfilter \
 *       libavformat libavcodec libswscale libswresample libavutil)
 *
 * What it prints:
 *   - libs: the runtime versions of the libraries (checked against `ffmpeg -version`);
 *   - codecs (with avcodec_find_encoder's pick) / encoders / decoders / muxers /
 *     demuxers (with AVFMT_NOFILE) / protocols (with their private class names) /
 *     filters (options in declaration order, positional shorthand) / hardware device
 *     types;
 *   - formatByExtension: av_guess_format(NULL, "x.EXT", NULL) for every muxer extension;
 *   - image2Extensions: av_guess_codec(image2, …, "x.EXT", …, VIDEO) (ff_guess_image2_codec)
 *     for the extensions read from stdin (img2.c's table, transcribed) and every
 *     (de)muxer extension;
 *   - avOptions: every AVOption name that fftools' opt_default() accepts, found by
 *     calling av_opt_find() exactly the way opt_default() and its opt_find() helper do
 *     (fftools/cmdutils.c), on every candidate name collected by walking the class trees
 *     of avcodec_get_class(), avformat_get_class(), sws_get_class() and swr_get_class()
 *     recursively with av_opt_child_class_iterate();
 *   - refused / rejected / codecContext: names for negative tests and the -vNAME rule.
 *
 * libavdevice is registered first (avdevice_register_all), as ffmpeg's main() does, so
 * the device (de)muxers and their private classes are part of the format layer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavdevice/avdevice.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavformat/avio.h>
#include <libavutil/avutil.h>
#include <libavutil/hwcontext.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

/* ---- tiny JSON writer ------------------------------------------------------------ */

static void jstr(const char *s)
{
    putchar('"');
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void jstr_or_null(const char *s)
{
    if (s)
        jstr(s);
    else
        fputs("null", stdout);
}

static const char *media_name(enum AVMediaType t)
{
    switch (t) {
    case AVMEDIA_TYPE_VIDEO:      return "video";
    case AVMEDIA_TYPE_AUDIO:      return "audio";
    case AVMEDIA_TYPE_SUBTITLE:   return "subtitle";
    case AVMEDIA_TYPE_DATA:       return "data";
    case AVMEDIA_TYPE_ATTACHMENT: return "attachment";
    default:                      return "unknown";
    }
}

/* The AVOptionType enumerator's name, lower case, without AV_OPT_TYPE_. */
static const char *type_base_name(int type)
{
    switch (type) {
    case AV_OPT_TYPE_FLAGS:      return "flags";
    case AV_OPT_TYPE_INT:        return "int";
    case AV_OPT_TYPE_INT64:      return "int64";
    case AV_OPT_TYPE_DOUBLE:     return "double";
    case AV_OPT_TYPE_FLOAT:      return "float";
    case AV_OPT_TYPE_STRING:     return "string";
    case AV_OPT_TYPE_RATIONAL:   return "rational";
    case AV_OPT_TYPE_BINARY:     return "binary";
    case AV_OPT_TYPE_DICT:       return "dict";
    case AV_OPT_TYPE_UINT64:     return "uint64";
    case AV_OPT_TYPE_CONST:      return "const";
    case AV_OPT_TYPE_IMAGE_SIZE: return "image_size";
    case AV_OPT_TYPE_PIXEL_FMT:  return "pixel_fmt";
    case AV_OPT_TYPE_SAMPLE_FMT: return "sample_fmt";
    case AV_OPT_TYPE_VIDEO_RATE: return "video_rate";
    case AV_OPT_TYPE_DURATION:   return "duration";
    case AV_OPT_TYPE_COLOR:      return "color";
#if LIBAVUTIL_VERSION_MAJOR < 59
    case AV_OPT_TYPE_CHANNEL_LAYOUT: return "channel_layout";
#endif
    case AV_OPT_TYPE_BOOL:       return "bool";
    case AV_OPT_TYPE_CHLAYOUT:   return "chlayout";
#if LIBAVUTIL_VERSION_MAJOR >= 59
    case AV_OPT_TYPE_UINT:       return "uint";
#endif
    default:                     return "unknown";
    }
}

static void jtype(int type)
{
#if LIBAVUTIL_VERSION_MAJOR >= 59
    if (type & AV_OPT_TYPE_FLAG_ARRAY) {
        printf("\"%s[]\"", type_base_name(type & ~AV_OPT_TYPE_FLAG_ARRAY));
        return;
    }
#endif
    printf("\"%s\"", type_base_name(type));
}

/* E D F V A S, the first six columns `ffmpeg -h` prints (libavutil/opt.c opt_list). */
static void flag_chars(int flags, char out[7])
{
    out[0] = (flags & AV_OPT_FLAG_ENCODING_PARAM)  ? 'E' : '.';
    out[1] = (flags & AV_OPT_FLAG_DECODING_PARAM)  ? 'D' : '.';
    out[2] = (flags & AV_OPT_FLAG_FILTERING_PARAM) ? 'F' : '.';
    out[3] = (flags & AV_OPT_FLAG_VIDEO_PARAM)     ? 'V' : '.';
    out[4] = (flags & AV_OPT_FLAG_AUDIO_PARAM)     ? 'A' : '.';
    out[5] = (flags & AV_OPT_FLAG_SUBTITLE_PARAM)  ? 'S' : '.';
    out[6] = 0;
}

/* ---- option definitions collected from the class trees ------------------------ */

enum { L_CODEC, L_FORMAT, L_SWS, L_SWR, NB_LAYERS };
static const char *const layer_names[NB_LAYERS] = { "codec", "format", "sws", "swr" };

typedef struct Def {
    const char *name;
    const char *class_name;
    int layer;
    int flags;
} Def;

static Def *defs;
static size_t nb_defs, cap_defs;

typedef struct Seen {
    const AVClass **v;
    size_t n, cap;
} Seen;

static int seen_add(Seen *s, const AVClass *c)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i] == c)
            return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->v = realloc(s->v, s->cap * sizeof(*s->v));
        if (!s->v) abort();
    }
    s->v[s->n++] = c;
    return 1;
}

static void add_def(const char *name, const char *class_name, int layer, int flags)
{
    if (nb_defs == cap_defs) {
        cap_defs = cap_defs ? 2 * cap_defs : 1024;
        defs = realloc(defs, cap_defs * sizeof(*defs));
        if (!defs) abort();
    }
    defs[nb_defs++] = (Def){ name, class_name, layer, flags };
}

/* Every class av_opt_find(..., AV_OPT_SEARCH_CHILDREN | AV_OPT_SEARCH_FAKE_OBJ) visits. */
static void walk(const AVClass *cls, int layer, Seen *seen)
{
    const AVOption *o = NULL;
    void *iter = NULL;
    const AVClass *child;

    if (!seen_add(seen, cls))
        return;
    while ((o = av_opt_next(&cls, o)))
        if (o->type != AV_OPT_TYPE_CONST)
            add_def(o->name, cls->class_name, layer, o->flags);
    while ((child = av_opt_child_class_iterate(cls, &iter)))
        walk(child, layer, seen);
}

/* fftools/cmdutils.c opt_find(): av_opt_find(), but an option whose flags are 0 is not found. */
static const AVOption *opt_find(const AVClass *const *cls, const char *name, int search_flags)
{
    const AVOption *o = av_opt_find((void *)cls, name, NULL, 0, search_flags);
    if (o && !o->flags)
        return NULL;
    return o;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void print_av_options(void)
{
    const AVClass *roots[NB_LAYERS] = {
        avcodec_get_class(), avformat_get_class(), sws_get_class(), swr_get_class()
    };
    const int search = AV_OPT_SEARCH_CHILDREN | AV_OPT_SEARCH_FAKE_OBJ;
    const char **names;
    size_t nb_names = 0;
    int first_entry = 1, first_cc = 1;

    for (int l = 0; l < NB_LAYERS; l++) {
        Seen seen = { 0 };
        walk(roots[l], l, &seen);
        free(seen.v);
    }

    names = malloc(nb_defs * sizeof(*names));
    if (!names) abort();
    for (size_t i = 0; i < nb_defs; i++)
        names[nb_names++] = defs[i].name;
    qsort(names, nb_names, sizeof(*names), cmp_str);
    {
        size_t k = 0;
        for (size_t i = 0; i < nb_names; i++)
            if (!k || strcmp(names[k - 1], names[i]))
                names[k++] = names[i];
        nb_names = k;
    }

    printf(",\n\"avOptions\": [");
    for (size_t i = 0; i < nb_names; i++) {
        const char *name = names[i];
        const AVOption *hit[NB_LAYERS] = { 0 };
        const AVOption *first = NULL;
        int consumed = 0, refused = 0;

        /* The order and the conditions of opt_default() (fftools/cmdutils.c). */
        if ((hit[L_CODEC] = opt_find(&roots[L_CODEC], name, search)))
            consumed = 1;
        if ((hit[L_FORMAT] = opt_find(&roots[L_FORMAT], name, search)))
            consumed = 1;
        if (!consumed && (hit[L_SWS] = opt_find(&roots[L_SWS], name, search))) {
            if (!strcmp(name, "srcw") || !strcmp(name, "srch") ||
                !strcmp(name, "dstw") || !strcmp(name, "dsth") ||
                !strcmp(name, "src_format") || !strcmp(name, "dst_format"))
                refused = 1;
            consumed = 1;
        }
        if (!consumed && (hit[L_SWR] = opt_find(&roots[L_SWR], name, search)))
            consumed = 1;

        if (refused) {
            printf("%s\n  {\"refused\": ", first_entry ? "" : ",");
            jstr(name);
            printf("}");
            first_entry = 0;
            continue;
        }
        if (!consumed) {
            printf("%s\n  {\"rejected\": ", first_entry ? "" : ",");
            jstr(name);
            printf("}");
            first_entry = 0;
            continue;
        }

        for (int l = 0; l < NB_LAYERS && !first; l++)
            first = hit[l];

        printf("%s\n  {\"name\": ", first_entry ? "" : ",");
        jstr(name);
        first_entry = 0;
        printf(", \"layers\": [");
        {
            int f = 1;
            for (int l = 0; l < NB_LAYERS; l++)
                if (hit[l]) {
                    printf("%s\"%s\"", f ? "" : ", ", layer_names[l]);
                    f = 0;
                }
        }
        printf("], \"type\": ");
        jtype(first->type);
        {
            int uflags = 0;
            char fc[7];
            int f = 1;
            printf(", \"classes\": [");
            for (size_t d = 0; d < nb_defs; d++) {
                if (strcmp(defs[d].name, name) || !hit[defs[d].layer] || !defs[d].flags)
                    continue;
                uflags |= defs[d].flags;
                printf("%s", f ? "" : ", ");
                jstr(defs[d].class_name);
                f = 0;
            }
            flag_chars(uflags, fc);
            printf("], \"flags\": \"%s\"}", fc);
        }
    }
    printf("\n],\n\"codecContext\": [");
    /* opt_default's second codec-layer test: `-vNAME`/`-aNAME`/`-sNAME` where NAME is an
     * option of AVCodecContext itself (no children searched). */
    for (size_t i = 0; i < nb_names; i++)
        if (opt_find(&roots[L_CODEC], names[i], AV_OPT_SEARCH_FAKE_OBJ)) {
            printf("%s", first_cc ? "" : ", ");
            jstr(names[i]);
            first_cc = 0;
        }
    printf("]");
    free(names);
}

/* ---- codecs ------------------------------------------------------------------ */

static void print_codec_list(enum AVCodecID id, int encoder)
{
    void *iter = NULL;
    const AVCodec *c;
    int first = 1;
    putchar('[');
    while ((c = av_codec_iterate(&iter))) {
        if (c->id != id || (encoder ? !av_codec_is_encoder(c) : !av_codec_is_decoder(c)))
            continue;
        printf("%s", first ? "" : ", ");
        jstr(c->name);
        first = 0;
    }
    putchar(']');
}

static void print_codecs(void)
{
    const AVCodecDescriptor *d = NULL;
    int first = 1;
    printf(",\n\"codecs\": [");
    while ((d = avcodec_descriptor_next(d))) {
        printf("%s\n  {\"name\": ", first ? "" : ",");
        first = 0;
        jstr(d->name);
        printf(", \"type\": \"%s\", \"defaultEncoder\": ", media_name(d->type));
        {
            /* what ffmpeg falls back to when no encoder is named (choose_encoder) */
            const AVCodec *def = avcodec_find_encoder(d->id);
            jstr_or_null(def ? def->name : NULL);
        }
        printf(", \"encoders\": ");
        print_codec_list(d->id, 1);
        printf(", \"decoders\": ");
        print_codec_list(d->id, 0);
        putchar('}');
    }
    printf("\n]");

    for (int enc = 1; enc >= 0; enc--) {
        void *iter = NULL;
        const AVCodec *c;
        first = 1;
        printf(",\n\"%s\": [", enc ? "encoders" : "decoders");
        while ((c = av_codec_iterate(&iter))) {
            if (enc ? !av_codec_is_encoder(c) : !av_codec_is_decoder(c))
                continue;
            printf("%s\n  {\"name\": ", first ? "" : ",");
            first = 0;
            jstr(c->name);
            printf(", \"codec\": ");
            jstr(avcodec_get_name(c->id));
            printf(", \"type\": \"%s\", \"privateClass\": ", media_name(c->type));
            if (c->priv_class)
                jstr(c->priv_class->class_name);
            else
                printf("null");
            printf("}");
        }
        printf("\n]");
    }
}

/* ---- formats ------------------------------------------------------------------ */

typedef struct NameList {
    const char **v;
    size_t n, cap;
} NameList;

static int namelist_add(NameList *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], s))
            return 0;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->v = realloc(l->v, l->cap * sizeof(*l->v));
        if (!l->v) abort();
    }
    l->v[l->n++] = s;
    return 1;
}

/* fftools/opt_common.c is_device() */
static int is_device(const AVClass *cls)
{
    if (!cls)
        return 0;
    return AV_IS_INPUT_DEVICE(cls->category) || AV_IS_OUTPUT_DEVICE(cls->category);
}

static const char *codec_name_or_null(enum AVCodecID id)
{
    const AVCodecDescriptor *d;
    if (id == AV_CODEC_ID_NONE)
        return NULL;
    d = avcodec_descriptor_get(id);
    return d ? d->name : avcodec_get_name(id);
}

static void print_formats(void)
{
    void *iter = NULL;
    const AVOutputFormat *of;
    const AVInputFormat *ifmt;
    int first = 1;

    printf(",\n\"muxers\": [");
    while ((of = av_muxer_iterate(&iter))) {
        printf("%s\n  {\"name\": ", first ? "" : ",");
        first = 0;
        jstr(of->name);
        printf(", \"extensions\": ");
        jstr_or_null(of->extensions);
        printf(", \"video\": ");
        jstr_or_null(codec_name_or_null(of->video_codec));
        printf(", \"audio\": ");
        jstr_or_null(codec_name_or_null(of->audio_codec));
        printf(", \"subtitle\": ");
        jstr_or_null(codec_name_or_null(of->subtitle_codec));
        printf(", \"device\": %s", is_device(of->priv_class) ? "true" : "false");
        printf(", \"nofile\": %s", (of->flags & AVFMT_NOFILE) ? "true" : "false");
        /* open_output_file's `qcr`: for these muxers automatic selection takes only attached pictures as video */
        printf(", \"attachedPicturesOnly\": %s}",
               avformat_query_codec(of, of->video_codec, 0) == MKTAG('A', 'P', 'I', 'C') ? "true" : "false");
    }
    printf("\n],\n\"demuxers\": [");
    iter = NULL;
    first = 1;
    while ((ifmt = av_demuxer_iterate(&iter))) {
        printf("%s\n  {\"name\": ", first ? "" : ",");
        first = 0;
        jstr(ifmt->name);
        printf(", \"extensions\": ");
        jstr_or_null(ifmt->extensions);
        printf(", \"device\": %s", is_device(ifmt->priv_class) ? "true" : "false");
        printf(", \"nofile\": %s}", (ifmt->flags & AVFMT_NOFILE) ? "true" : "false");
    }
    printf("\n]");
}

/* ---- file extensions ------------------------------------------------------------ */

/* Adds the items of an `extensions` list, split at ',', surrounding blanks dropped, in
 * lower case, to l (once each). */
static void add_extensions(NameList *l, const char *list)
{
    const char *p;
    for (p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        const char *b = p, *e = p + n;
        char *ext;
        while (b < e && (*b == ' ' || *b == '\t'))
            b++;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if (e > b) {
            ext = malloc(e - b + 1);
            if (!ext) abort();
            for (size_t k = 0; k < (size_t)(e - b); k++)
                ext[k] = (b[k] >= 'A' && b[k] <= 'Z') ? b[k] - 'A' + 'a' : b[k];
            ext[e - b] = 0;
            if (!namelist_add(l, ext))
                free(ext);
        }
        p += n;
        if (*p == ',')
            p++;
    }
}

/* Every muxer's extensions (or only those of `only`), in registration order. */
static NameList muxer_extensions(const AVOutputFormat *only)
{
    NameList l = { 0 };
    void *iter = NULL;
    const AVOutputFormat *of;
    while ((of = av_muxer_iterate(&iter)))
        if (!only || of == only)
            add_extensions(&l, of->extensions);
    return l;
}

/* formatByExtension: av_guess_format(NULL, "x.EXT", NULL) for every muxer extension,
 * exactly what avformat_alloc_output_context2() (so ffmpeg without -f) asks for an
 * output name without a %d pattern. Also prints the muxers listing each extension, in
 * registration order, for the report of contested extensions. */
static void print_format_by_extension(void)
{
    NameList exts = muxer_extensions(NULL);
    int first = 1;
    printf(",\n\"formatByExtension\": [");
    for (size_t i = 0; i < exts.n; i++) {
        char fn[256];
        const AVOutputFormat *of, *g;
        void *iter = NULL;
        int f = 1;
        snprintf(fn, sizeof(fn), "x.%s", exts.v[i]);
        g = av_guess_format(NULL, fn, NULL);
        printf("%s\n  {\"ext\": ", first ? "" : ",");
        first = 0;
        jstr(exts.v[i]);
        printf(", \"muxer\": ");
        jstr_or_null(g ? g->name : NULL);
        printf(", \"listedBy\": [");
        while ((of = av_muxer_iterate(&iter)))
            if (of->extensions && av_match_ext(fn, of->extensions)) {
                printf("%s", f ? "" : ", ");
                jstr(of->name);
                f = 0;
            }
        printf("]}");
    }
    printf("\n]");
}

/* image2CodecByExtension. Candidates: the extensions on stdin (one a line: the
 * transcription of img2.c's ff_img_tags, which no API lists), then the image2 muxer's,
 * every muxer's and every demuxer's. For each:
 *   codec        av_guess_codec(image2, NULL, "x.EXT", NULL, VIDEO): ff_guess_image2_codec(),
 *                or the muxer's video_codec (mjpeg) when that returns AV_CODEC_ID_NONE;
 *   known        whether ff_guess_image2_codec() itself knew it: the same call on a copy
 *                of the muxer whose video_codec is NONE (av_guess_codec reads only name
 *                and video_codec), so `own` is exactly ff_guess_image2_codec's result;
 *   own          that result's codec name (null when unknown);
 *   patternMuxer av_guess_format(NULL, "x%03d.EXT", NULL): the %d-pattern shortcut;
 *   image2       whether the image2 muxer lists the extension. */
static void print_image2_codecs(void)
{
    const AVOutputFormat *image2 = av_guess_format("image2", NULL, NULL);
    const AVOutputFormat *of;
    const AVInputFormat *ifmt;
    AVOutputFormat bare;
    NameList cand = { 0 }, own_exts;
    void *iter = NULL;
    char line[256];
    int first = 1;

    printf(",\n\"image2Extensions\": [");
    if (!image2 || strcmp(image2->name, "image2")) {
        printf("]");
        return;
    }
    while (fgets(line, sizeof(line), stdin)) {
        line[strcspn(line, "\r\n")] = 0;
        if (*line)
            add_extensions(&cand, line);
    }
    own_exts = muxer_extensions(image2);
    for (size_t i = 0; i < own_exts.n; i++)
        namelist_add(&cand, own_exts.v[i]);
    while ((of = av_muxer_iterate(&iter)))
        add_extensions(&cand, of->extensions);
    iter = NULL;
    while ((ifmt = av_demuxer_iterate(&iter)))
        add_extensions(&cand, ifmt->extensions);

    bare = *image2;
    bare.video_codec = AV_CODEC_ID_NONE;
    for (size_t i = 0; i < cand.n; i++) {
        char fn[256], pat[256];
        enum AVCodecID id, own;
        const AVOutputFormat *g;
        int listed = 0;
        snprintf(fn, sizeof(fn), "x.%s", cand.v[i]);
        snprintf(pat, sizeof(pat), "x%%03d.%s", cand.v[i]);
        id = av_guess_codec(image2, NULL, fn, NULL, AVMEDIA_TYPE_VIDEO);
        own = av_guess_codec(&bare, NULL, fn, NULL, AVMEDIA_TYPE_VIDEO);
        g = av_guess_format(NULL, pat, NULL);
        for (size_t k = 0; k < own_exts.n; k++)
            listed |= !strcmp(own_exts.v[k], cand.v[i]);
        printf("%s\n  {\"ext\": ", first ? "" : ",");
        first = 0;
        jstr(cand.v[i]);
        printf(", \"codec\": ");
        jstr_or_null(codec_name_or_null(id));
        printf(", \"known\": %s, \"own\": ", own != AV_CODEC_ID_NONE ? "true" : "false");
        jstr_or_null(codec_name_or_null(own));
        printf(", \"patternMuxer\": ");
        jstr_or_null(g ? g->name : NULL);
        printf(", \"image2\": %s}", listed ? "true" : "false");
    }
    printf("\n]");
}

static void print_protocols(void)
{
    for (int output = 0; output <= 1; output++) {
        void *opaque = NULL;
        const char *name;
        int first = 1;
        printf(",\n\"%s\": [", output ? "protocolsOut" : "protocolsIn");
        while ((name = avio_enum_protocols(&opaque, output))) {
            printf("%s", first ? "" : ", ");
            jstr(name);
            first = 0;
        }
        putchar(']');
    }
    /* the private class of each protocol (avio_protocol_get_class), to tell which source
     * definition the build has (rtmpproto.c's `rtmp` or librtmp.c's `librtmp protocol`) */
    {
        int first = 1;
        printf(",\n\"protocolClasses\": {");
        for (int output = 0; output <= 1; output++) {
            void *opaque = NULL;
            const char *name;
            while ((name = avio_enum_protocols(&opaque, output))) {
                const AVClass *c = avio_protocol_get_class(name);
                printf("%s", first ? "" : ", ");
                first = 0;
                jstr(name);
                printf(": ");
                jstr_or_null(c ? c->class_name : NULL);
            }
        }
        putchar('}');
    }
}

/* ---- filters ------------------------------------------------------------------ */

/* What `ffmpeg -h filter=NAME` lists: show_help_children(priv_class, V|F|A), i.e. the
 * class's non-constant options whose flags meet the mask, then its children's. */
static void filter_options(const AVClass *cls, NameList *seen, int *first)
{
    const int mask = AV_OPT_FLAG_VIDEO_PARAM | AV_OPT_FLAG_FILTERING_PARAM | AV_OPT_FLAG_AUDIO_PARAM;
    const AVOption *o = NULL;
    void *iter = NULL;
    const AVClass *child;

    while ((o = av_opt_next(&cls, o))) {
        if (!(o->flags & mask) || o->type == AV_OPT_TYPE_CONST)
            continue;
        if (!namelist_add(seen, o->name))
            continue;
        printf("%s", *first ? "" : ", ");
        *first = 0;
        jstr(o->name);
        printf(": ");
        jtype(o->type);
    }
    while ((child = av_opt_child_class_iterate(cls, &iter)))
        filter_options(child, seen, first);
}

/* The names positional (key-less) values are given to, in order, replaying libavfilter's
 * own loop over a filter's arguments (libavfilter/avfilter.c) when every value is
 * positional: o = av_opt_next() from the last option, skipping AV_OPT_TYPE_CONST entries
 * and an option whose offset equals that of the last one taken (an alias such as scale's
 * `width` after `w`); the list ends where av_opt_next returns NULL (the next value needs a
 * key). Nothing without a private class.
 *
 * 7.1 (ff_filter_opt_parse, libavfilter 10): exactly that, over the private class.
 * 5.1 (process_options, libavfilter 8): after each value the loop also does
 *     if (!av_opt_find(ctx, key, NULL, 0, 0))       // not an AVFilterContext option
 *         o = av_opt_find(ctx->priv, key, NULL, 0, AV_OPT_SEARCH_CHILDREN | AV_OPT_SEARCH_FAKE_OBJ);
 * and av_opt_find searches the child classes first, so when a positional name is also
 * an option of a child class (overlay's `eof_action` in framesync, scale's `param0` in
 * swscale) the walk continues in that child's table: 5.1 overlay is x, y, eof_action,
 * shortest, repeatlast. */
static void print_shorthand(const AVClass *priv_class)
{
    const AVClass *filter_class = avfilter_get_class();
    const AVOption *o = NULL;
    int offset = -1, first = 1, guard = 0;
    putchar('[');
    while (priv_class && (o = av_opt_next(&priv_class, o)) && guard++ < 10000) {
        if (o->type == AV_OPT_TYPE_CONST || o->offset == offset)
            continue;
        offset = o->offset;
        printf("%s", first ? "" : ", ");
        jstr(o->name);
        first = 0;
#if LIBAVFILTER_VERSION_MAJOR <= 8
        if (!av_opt_find(&filter_class, o->name, NULL, 0, 0))
            o = av_opt_find(&priv_class, o->name, NULL, 0, AV_OPT_SEARCH_CHILDREN | AV_OPT_SEARCH_FAKE_OBJ);
#else
        (void)filter_class;
#endif
    }
    putchar(']');
}

static void print_filters(void)
{
    void *iter = NULL;
    const AVFilter *f;
    int first = 1;
    printf(",\n\"filters\": [");
    while ((f = av_filter_iterate(&iter))) {
        NameList seen = { 0 };
        int f1 = 1;
        printf("%s\n  {\"name\": ", first ? "" : ",");
        first = 0;
        jstr(f->name);
        printf(", \"options\": {");
        if (f->priv_class)
            filter_options(f->priv_class, &seen, &f1);
        printf("}, \"shorthand\": ");
        print_shorthand(f->priv_class);
        printf("}");
        free(seen.v);
    }
    printf("\n]");
}

/* ---- hardware device types (what `ffmpeg -init_hw_device list` prints) ----------- */

static void print_hwdevice_types(void)
{
    enum AVHWDeviceType type = AV_HWDEVICE_TYPE_NONE;
    int first = 1;
    printf(",\n\"hwDeviceTypes\": [");
    while ((type = av_hwdevice_iterate_types(type)) != AV_HWDEVICE_TYPE_NONE) {
        printf("%s", first ? "" : ", ");
        jstr(av_hwdevice_get_type_name(type));
        first = 0;
    }
    putchar(']');
}

/* ---- main ------------------------------------------------------------------------ */

static void print_version(const char *lib, unsigned v)
{
    printf("\"%s\": \"%u.%u.%u\"", lib, v >> 16, (v >> 8) & 0xff, v & 0xff);
}

int main(void)
{
    av_log_set_level(AV_LOG_QUIET);
    avdevice_register_all();

    printf("{\n\"versionInfo\": ");
    jstr(av_version_info());
    printf(",\n\"libs\": {");
    print_version("libavutil", avutil_version());
    printf(", ");
    print_version("libavcodec", avcodec_version());
    printf(", ");
    print_version("libavformat", avformat_version());
    printf(", ");
    print_version("libavdevice", avdevice_version());
    printf(", ");
    print_version("libavfilter", avfilter_version());
    printf(", ");
    print_version("libswscale", swscale_version());
    printf(", ");
    print_version("libswresample", swresample_version());
    printf("}");

    print_codecs();
    print_formats();
    print_format_by_extension();
    print_image2_codecs();
    print_protocols();
    print_filters();
    print_hwdevice_types();
    print_av_options();
    printf("\n}\n");
    return 0;
}
