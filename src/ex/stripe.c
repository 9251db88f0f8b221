/*
 * stripe.c - the wait stripes of the executive's blocking locks that have no wait queue of
 * their own (push locks, ERESOURCE): a fixed table of mutex + condition variable pairs. An
 * object's stripe is picked by its address; a thread that must wait sleeps on the stripe's
 * condition variable, and a release that may let someone in broadcasts it, so waiters of other
 * objects sharing the stripe wake too and re-check their own condition.
 *
 * Lifetime: made on first use, never destroyed (a lock can outlive any boot). The stripe mutex
 * is a leaf: nothing is acquired while holding it.
 */
#include "ex/ex_private.h"

#define EX_STRIPES 64

static struct ex_stripe ex_stripes[EX_STRIPES];
static os_once ex_stripes_once = OS_ONCE_INIT;

static void ex_stripes_init(void)
{
    for (int i = 0; i < EX_STRIPES; i++) {
        os_mutex_init(&ex_stripes[i].lock);
        os_cond_init(&ex_stripes[i].cond);
    }
}

struct ex_stripe *ex_stripe_of(const void *object)
{
    os_run_once(&ex_stripes_once, ex_stripes_init);
    return &ex_stripes[((uintptr_t)object >> 3) % EX_STRIPES];
}
