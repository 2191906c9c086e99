/*
 * ffpolicy catalogue: asks libx264 / libx265 (the libraries FFmpeg's libx264 and libx265
 * encoders call) whether their parameter parsers know a key. Reads one key per line on
 * stdin and prints "KEY<TAB>RESULT" where RESULT is "ok", "bad-value" or "bad-name" (the
 * return value of x264_param_parse / x265_param_parse with the value "1", on default
 * parameters).
 *
 *   cc -O1 -o params-probe params-probe.c $(pkg-config --cflags --libs x264 x265)
 *   printf 'crf\nno-such-key\n' | ./params-probe x264
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x264.h>
#include <x265.h>

int main(int argc, char **argv)
{
    char line[512];
    int is264;

    if (argc != 2 || (strcmp(argv[1], "x264") && strcmp(argv[1], "x265"))) {
        fprintf(stderr, "usage: params-probe x264|x265 < keys\n");
        return 2;
    }
    is264 = !strcmp(argv[1], "x264");
    while (fgets(line, sizeof(line), stdin)) {
        int ret;
        line[strcspn(line, "\r\n")] = 0;
        if (!*line)
            continue;
        if (is264) {
            x264_param_t p;
            x264_param_default(&p);
            ret = x264_param_parse(&p, line, "1");
            printf("%s\t%s\n", line, ret == 0 ? "ok" : ret == X264_PARAM_BAD_NAME ? "bad-name" : "bad-value");
        } else {
            x265_param *p = x265_param_alloc();
            if (!p)
                return 1;
            x265_param_default(p);
            ret = x265_param_parse(p, line, "1");
            printf("%s\t%s\n", line, ret == 0 ? "ok" : ret == X265_PARAM_BAD_NAME ? "bad-name" : "bad-value");
            x265_param_free(p);
        }
        fflush(stdout);
    }
    return 0;
}
