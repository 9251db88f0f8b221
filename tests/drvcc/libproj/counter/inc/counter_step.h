/* counter_step.h - found through the counter project's own AdditionalIncludeDirectories (inc). */
#ifndef COUNTER_STEP_H
#define COUNTER_STEP_H
#ifndef COUNTER_STEP
#error "COUNTER_STEP comes from the counter project's PreprocessorDefinitions"
#endif
#define COUNTER_STRIDE (COUNTER_STEP)
#endif
