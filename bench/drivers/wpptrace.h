/*
 * wpptrace.h - WPP control block and trace macros of wppbench.sys (bench/bench_wpp.c), written
 * the way the WDK documents a driver's trace header. Also the IOCTL the benchmark sends.
 */
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(WppBenchTraceGuid, (6a1c2b3d, 4e5f, 4a6b, 8c7d, 9e0f1a2b3c4d),         \
                            WPP_DEFINE_BIT(TRACE_BENCH))

#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags)                                                        \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)

// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// end_wpp

/* Input: how many iterations of which loop; output: the loop's time in 100 ns performance
 * counter ticks and the counter's frequency. */
typedef struct _WPPBENCH_LOOP {
    unsigned long long Count;
    unsigned int Mode; /* 0: empty loop, 1: a disabled VERBOSE call site, 2: a disabled
                          INFORMATION call site (it goes to the in-flight recorder) */
} WPPBENCH_LOOP;
typedef struct _WPPBENCH_RESULT {
    long long Ticks;
    long long Frequency;
} WPPBENCH_RESULT;
#define IOCTL_WPPBENCH_LOOP ((0x22u << 16) | (0x920u << 2) | 0u)
