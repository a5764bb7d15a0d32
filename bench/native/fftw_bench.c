/* FFTW's own time for one 2D transform, the reference TemKit's FFT benchmark prints next to its backends.
   usage: fftw_bench r2c|c2c NX NY REPEATS THREADS estimate|measure
   prints: median_seconds plan_seconds */
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: %s r2c|c2c NX NY REPEATS THREADS estimate|measure\n", argv[0]);
        return 2;
    }
    int r2c = strcmp(argv[1], "r2c") == 0;
    int nx = atoi(argv[2]), ny = atoi(argv[3]), repeats = atoi(argv[4]), threads = atoi(argv[5]);
    unsigned flags = strcmp(argv[6], "measure") == 0 ? FFTW_MEASURE : FFTW_ESTIMATE;
    if (nx < 1 || ny < 1 || repeats < 1 || threads < 1) {
        fprintf(stderr, "bad size, repeat count or thread count\n");
        return 2;
    }
    if (threads > 1) {
        if (!fftwf_init_threads()) {
            fprintf(stderr, "fftwf_init_threads failed\n");
            return 1;
        }
        fftwf_plan_with_nthreads(threads);
    }
    size_t n = (size_t)nx * ny, h = (size_t)(nx / 2 + 1) * ny;
    float *in = fftwf_malloc(sizeof(float) * (r2c ? n : 2 * n));
    fftwf_complex *out = fftwf_malloc(sizeof(fftwf_complex) * (r2c ? h : n));
    if (!in || !out) {
        fprintf(stderr, "fftwf_malloc failed\n");
        return 1;
    }
    double t0 = now();
    fftwf_plan plan = r2c ? fftwf_plan_dft_r2c_2d(ny, nx, in, out, flags)
                          : fftwf_plan_dft_2d(ny, nx, (fftwf_complex *)in, out, FFTW_FORWARD, flags);
    double planSeconds = now() - t0;
    if (!plan) {
        fprintf(stderr, "planning failed\n");
        return 1;
    }
    srand(1);
    for (size_t i = 0; i < (r2c ? n : 2 * n); i++) in[i] = (float)rand() / RAND_MAX;
    fftwf_execute(plan);
    double *times = malloc(sizeof(double) * repeats);
    for (int i = 0; i < repeats; i++) {
        t0 = now();
        fftwf_execute(plan);
        times[i] = now() - t0;
    }
    qsort(times, repeats, sizeof(double), compare);
    printf("%.6f %.6f\n", times[repeats / 2], planSeconds);
    free(times);
    fftwf_destroy_plan(plan);
    fftwf_free(in);
    fftwf_free(out);
    return 0;
}
