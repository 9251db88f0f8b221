/*
 * uart16550.c - a simulated 16550 UART behind a device's port range (docs/uart.md): the eight
 * registers of the National Semiconductor PC16550D data sheet (RBR/THR, IER, IIR/FCR, LCR, MCR,
 * LSR, MSR, SCR; DLL/DLM while LCR's DLAB is set), the 16-byte receive FIFO with its trigger
 * levels, the four interrupt sources in their priority order, the internal loopback of MCR bit 4,
 * and a host-side "wire": bytes the UART transmits are kept for the host (uart-out), bytes the
 * host sends (uart-in, or the answer to RTS rising with DTR on: uart-answer) wait in a queue the
 * UART's thread feeds to the receiver as fast as it takes them, and the host drives the
 * modem-status inputs.
 *
 * The interrupt: the UART's INTR output reaches the device's first interrupt resource when
 * MCR's OUT2 is set and loopback is off, as a PC's serial port wires it (OUT2 gates the line's
 * driver; in loopback the data sheet forces OUT2 inactive). It is a level: while asserted, the
 * UART's own thread fires the vector (ke_interrupt_fire), running the connected ISRs at their
 * DIRQL, again after each firing in which a register changed, until the ISR clears every
 * source. The thread exists because the register accesses that raise the line are themselves
 * made at DIRQL, inside an ISR or under its lock, where the dispatch cannot be re-entered.
 *
 * Deviations (documented in docs/uart.md): the line is infinitely fast. A byte written to THR
 * is transmitted at once (THR and the transmit FIFO never hold a byte; LSR's THRE and TEMT read
 * 1), so the divisor and LCR only change what the host is told; bytes from the wire arrive a
 * FIFO-full at a time, and the character time-out of a FIFO below its trigger level elapses at
 * once. The wire makes breaks and overruns, no parity or framing errors; a break shows at once.
 *
 * Locking: `lock` guards the registers and the wire; it is taken by port accesses (at any
 * IRQL, never while the resources' lock is held: resources.c looks the UART up first) and by
 * the host. The firing thread drops it while the ISRs run. Lifetime: from the `resources` line
 * that declares the range until shutdown (pnp_uart_free joins the thread).
 */
#include "pnp/pnp_private.h"

#include "ke/ke.h"

#include <stdlib.h>
#include <string.h>

#define FIFO_SIZE 16u
#define WIRE_MAX  (64u * 1024)

/* Register offsets and bits (PC16550D data sheet). */
enum {
    REG_DATA = 0, /* RBR (read) / THR (write); DLL with DLAB */
    REG_IER = 1,  /* DLM with DLAB */
    REG_IIR = 2,  /* IIR (read) / FCR (write) */
    REG_LCR = 3,
    REG_MCR = 4,
    REG_LSR = 5,
    REG_MSR = 6,
    REG_SCR = 7,
};
#define IER_RDA      0x01u /* received data available (and the FIFO time-out) */
#define IER_THRE     0x02u
#define IER_RLS      0x04u /* receiver line status */
#define IER_MS       0x08u /* modem status */
#define FCR_ENABLE   0x01u
#define FCR_RX_RESET 0x02u
#define LCR_DLAB     0x80u
#define MCR_DTR      0x01u
#define MCR_RTS      0x02u
#define MCR_OUT1     0x04u
#define MCR_OUT2     0x08u
#define MCR_LOOP     0x10u
#define LSR_DR       0x01u
#define LSR_OE       0x02u
#define LSR_BI       0x10u
#define LSR_FIFO_ERR 0x80u /* an error among the FIFO's bytes */
#define LSR_THRE     0x20u
#define LSR_TEMT     0x40u
#define MSR_CTS      0x10u
#define MSR_DSR      0x20u
#define MSR_RI       0x40u
#define MSR_DCD      0x80u
#define MSR_TERI     0x04u
#define IIR_NONE     0x01u
#define IIR_MS       0x00u
#define IIR_THRE     0x02u
#define IIR_RDA      0x04u
#define IIR_RLS      0x06u
#define IIR_TIMEOUT  0x0Cu
#define IIR_FIFOS    0xC0u

struct pnp_uart {
    os_mutex lock;
    os_cond changed; /* a register changed, the host asked to stop, or a firing ended */
    os_thread thread;
    bool stop, firing;
    ULONG vector; /* the translated vector of the device's first interrupt; 0: none */
    uint64_t generation, fired_generation; /* register changes; the one last fired at */

    UCHAR ier, lcr, mcr, lsr_errors, msr_deltas, scr, fcr, dll, dlm;
    UCHAR modem_in;    /* the wire's CTS, DSR, RI, DCD as MSR bits 4-7 */
    UCHAR msr_last;    /* MSR's status bits as last computed, for the delta bits */
    bool thre_pending; /* the THRE interrupt: set when THR empties, cleared by IIR or THR */
    UCHAR rx[FIFO_SIZE];
    unsigned rx_head, rx_count;
    UCHAR *tx; /* transmitted and not yet taken by the host */
    size_t tx_count;
    UCHAR *in; /* on the receive line, not yet received: in[in_head .. in_head + in_count) */
    size_t in_head, in_count;
    UCHAR *answer; /* what the far end sends when RTS rises with DTR on (uart-answer) */
    size_t answer_size;
};

/* ---- the registers (caller holds lock) ---------------------------------------------------- */

static bool fifo_on(const struct pnp_uart *u)
{
    return (u->fcr & FCR_ENABLE) != 0;
}

static unsigned rx_trigger(const struct pnp_uart *u)
{
    static const unsigned levels[4] = {1, 4, 8, 14};
    return fifo_on(u) ? levels[u->fcr >> 6] : 1;
}

/* MSR's status bits: in loopback the data sheet connects DTR to DSR, RTS to CTS, OUT1 to RI and
 * OUT2 to DCD; otherwise they are the wire's. */
static UCHAR modem_status(const struct pnp_uart *u)
{
    if (!(u->mcr & MCR_LOOP))
        return u->modem_in;
    return (UCHAR)(((u->mcr & MCR_RTS) ? MSR_CTS : 0) | ((u->mcr & MCR_DTR) ? MSR_DSR : 0) |
                   ((u->mcr & MCR_OUT1) ? MSR_RI : 0) | ((u->mcr & MCR_OUT2) ? MSR_DCD : 0));
}

/* Records the delta bits of a change of the modem-status inputs: DCTS, DDSR and DDCD on any
 * change, TERI only when RI goes from on to off (the trailing edge). */
static void modem_update(struct pnp_uart *u)
{
    UCHAR now = modem_status(u), diff = now ^ u->msr_last;
    u->msr_deltas |= (UCHAR)(((diff & (MSR_CTS | MSR_DSR | MSR_DCD)) >> 4) |
                             ((diff & MSR_RI) && !(now & MSR_RI) ? MSR_TERI : 0));
    u->msr_last = now;
}

/* The highest-priority pending and enabled source, as IIR bits 3-0 (IIR_NONE: none). */
static UCHAR pending_source(const struct pnp_uart *u)
{
    if ((u->ier & IER_RLS) && u->lsr_errors)
        return IIR_RLS;
    if ((u->ier & IER_RDA) && u->rx_count >= rx_trigger(u))
        return IIR_RDA;
    if ((u->ier & IER_RDA) && fifo_on(u) && u->rx_count > 0)
        return IIR_TIMEOUT; /* below the trigger, the wire idle: the time-out elapsed */
    if ((u->ier & IER_THRE) && u->thre_pending)
        return IIR_THRE;
    if ((u->ier & IER_MS) && (u->msr_deltas & 0x0Fu))
        return IIR_MS;
    return IIR_NONE;
}

static bool line_asserted(const struct pnp_uart *u)
{
    return pending_source(u) != IIR_NONE && (u->mcr & MCR_OUT2) && !(u->mcr & MCR_LOOP);
}

/* An overrun (LSR's OE): without FIFOs the new byte overwrites the unread one in RBR; with them
 * a full FIFO keeps its bytes and the new one is lost (the data sheet's LSR bit 1). */
static void rx_push(struct pnp_uart *u, UCHAR byte)
{
    if (!fifo_on(u) && u->rx_count > 0) {
        u->lsr_errors |= LSR_OE;
        u->rx[u->rx_head] = byte;
        return;
    }
    if (u->rx_count >= FIFO_SIZE) {
        u->lsr_errors |= LSR_OE;
        return;
    }
    u->rx[(u->rx_head + u->rx_count++) % FIFO_SIZE] = byte;
}

static UCHAR rx_pop(struct pnp_uart *u)
{
    UCHAR byte = u->rx[u->rx_head];
    if (u->rx_count == 0)
        return byte; /* RBR keeps the last byte received */
    u->rx_head = (u->rx_head + 1) % FIFO_SIZE;
    u->rx_count--;
    return byte;
}

/* Bytes the far end sent reach the receiver as fast as it takes them: as many as the FIFO (or
 * RBR) has room for; when it has none (the driver took nothing), the next byte comes all the
 * same and overruns, as a sender does not wait. In loopback the receiver does not hear them. */
static void feed(struct pnp_uart *u)
{
    unsigned room = (fifo_on(u) ? FIFO_SIZE : 1) - u->rx_count;
    for (room = room ? room : 1; room > 0 && u->in_count > 0; room--, u->in_count--)
        if (!(u->mcr & MCR_LOOP))
            rx_push(u, u->in[u->in_head++]);
        else
            u->in_head++;
    if (u->in_count == 0)
        u->in_head = 0;
}

/* Puts bytes on the receive line; the count that fit (WIRE_MAX at most wait). */
static size_t wire_append(struct pnp_uart *u, const UCHAR *bytes, size_t size)
{
    size_t n;
    memmove(u->in, u->in + u->in_head, u->in_count);
    u->in_head = 0;
    n = WIRE_MAX - u->in_count < size ? WIRE_MAX - u->in_count : size;
    if (n > 0) /* bytes may be NULL for nothing */
        memcpy(u->in + u->in_count, bytes, n);
    u->in_count += n;
    return n;
}

/* A byte written to THR leaves at once: to the receiver in loopback, else onto the wire (kept
 * up to WIRE_MAX bytes for the host; beyond, the oldest are dropped). THR is then empty again. */
static void transmit(struct pnp_uart *u, UCHAR byte)
{
    if (u->mcr & MCR_LOOP) {
        rx_push(u, byte);
    } else if (u->tx != NULL) {
        if (u->tx_count == WIRE_MAX) {
            memmove(u->tx, u->tx + 1, WIRE_MAX - 1);
            u->tx_count--;
        }
        u->tx[u->tx_count++] = byte;
    }
    u->thre_pending = true;
}

static void write_fcr(struct pnp_uart *u, UCHAR value)
{
    if ((value ^ u->fcr) & FCR_ENABLE) /* enabling or disabling the FIFOs clears them */
        u->rx_count = 0;
    if (value & FCR_RX_RESET)
        u->rx_count = 0;
    /* FCR_TX_RESET: the transmit FIFO is always empty here. Bits 1-2 clear themselves. */
    u->fcr = (UCHAR)(value & 0xC9u);
    if (!(u->fcr & FCR_ENABLE))
        u->fcr = 0;
}

static UCHAR read_register(struct pnp_uart *u, unsigned offset)
{
    bool dlab = (u->lcr & LCR_DLAB) != 0;
    UCHAR v, source;
    switch (offset) {
    case REG_DATA:
        return dlab ? u->dll : rx_pop(u);
    case REG_IER:
        return dlab ? u->dlm : u->ier;
    case REG_IIR:
        source = pending_source(u);
        if (source == IIR_THRE) /* reading IIR while it names THRE clears that source */
            u->thre_pending = false;
        return (UCHAR)(source | (fifo_on(u) ? IIR_FIFOS : 0));
    case REG_LCR:
        return u->lcr;
    case REG_MCR:
        return u->mcr;
    case REG_LSR:
        v = (UCHAR)((u->rx_count ? LSR_DR : 0) | u->lsr_errors | LSR_THRE | LSR_TEMT);
        u->lsr_errors = 0;
        return v;
    case REG_MSR:
        v = (UCHAR)(modem_status(u) | u->msr_deltas);
        u->msr_deltas = 0;
        return v;
    default:
        return u->scr;
    }
}

static void write_register(struct pnp_uart *u, unsigned offset, UCHAR value)
{
    bool dlab = (u->lcr & LCR_DLAB) != 0;
    switch (offset) {
    case REG_DATA:
        if (dlab)
            u->dll = value;
        else
            transmit(u, value);
        break;
    case REG_IER:
        if (dlab) {
            u->dlm = value;
            break;
        }
        /* Enabling the THRE interrupt while THR is empty (always, here) raises it. */
        if ((value & IER_THRE) && !(u->ier & IER_THRE))
            u->thre_pending = true;
        u->ier = (UCHAR)(value & 0x0Fu);
        break;
    case REG_IIR:
        write_fcr(u, value);
        break;
    case REG_LCR:
        u->lcr = value;
        break;
    case REG_MCR:
        /* A Plug and Play external COM device answers RTS rising while DTR is on. */
        if ((value & (MCR_RTS | MCR_DTR | MCR_LOOP)) == (MCR_RTS | MCR_DTR) && !(u->mcr & MCR_RTS))
            wire_append(u, u->answer, u->answer_size);
        u->mcr = (UCHAR)(value & 0x1Fu);
        modem_update(u);
        break;
    case REG_SCR:
        u->scr = value;
        break;
    default: /* LSR and MSR: writes are for factory testing; ignored */
        break;
    }
}

static void changed(struct pnp_uart *u)
{
    u->generation++;
    os_cond_broadcast(&u->changed);
}

void pnp_uart_access(struct pnp_uart *u, unsigned offset, UCHAR *value, bool write)
{
    os_mutex_lock(&u->lock);
    if (write)
        write_register(u, offset & 7u, *value);
    else
        *value = read_register(u, offset & 7u);
    while (u->vector == 0 && u->in_count > 0) /* no thread to pace a polled UART's input */
        feed(u);
    changed(u);
    os_mutex_unlock(&u->lock);
}

/* ---- the interrupt line ------------------------------------------------------------------- */

/* Fires the vector while the line is asserted and registers changed since the last firing
 * (a level: an ISR that changed nothing is not called again until something changes); between
 * firings, feeds the receiver the bytes waiting on the line. */
static void *uart_thread(void *arg)
{
    struct pnp_uart *u = arg;
    ke_thread_set_kind("uart16550", TRUE, FALSE, 0);
    os_mutex_lock(&u->lock);
    while (!u->stop) {
        if (!line_asserted(u) || u->generation == u->fired_generation) {
            if (u->in_count > 0) {
                feed(u);
                changed(u);
            } else {
                os_cond_wait(&u->changed, &u->lock);
            }
            continue;
        }
        u->fired_generation = u->generation;
        u->firing = true;
        os_mutex_unlock(&u->lock);
        ke_interrupt_fire(u->vector);
        os_mutex_lock(&u->lock);
        u->firing = false;
        os_cond_broadcast(&u->changed);
    }
    os_mutex_unlock(&u->lock);
    return NULL;
}

/* Waits until the receive line is empty and the interrupt line quiet: not asserted, or fired at
 * and unchanged since (the ISR left it asserted). Bounded: a driver whose ISR keeps changing
 * registers without clearing the source is given up on after 2 s. */
static void settle(struct pnp_uart *u)
{
    uint64_t deadline = os_monotonic_ns() + 2000000000ull;
    while (u->vector == 0 && u->in_count > 0)
        feed(u);
    while (u->vector != 0 && !u->stop &&
           (u->firing || u->in_count > 0 ||
            (line_asserted(u) && u->generation != u->fired_generation)))
        if (!os_cond_wait_until(&u->changed, &u->lock, deadline))
            break;
}

struct pnp_uart *pnp_uart_create(ULONG vector)
{
    struct pnp_uart *u = calloc(1, sizeof *u);
    if (u == NULL || (u->tx = malloc(WIRE_MAX)) == NULL || (u->in = malloc(WIRE_MAX)) == NULL) {
        if (u != NULL)
            free(u->tx);
        free(u);
        return NULL;
    }
    os_mutex_init(&u->lock);
    os_cond_init(&u->changed);
    u->vector = vector;
    if (vector != 0 && os_thread_create(&u->thread, uart_thread, u, "uart16550") != 0) {
        u->vector = 0;
        pnp_uart_free(u);
        return NULL;
    }
    return u;
}

void pnp_uart_free(struct pnp_uart *u)
{
    if (u == NULL)
        return;
    if (u->vector != 0) {
        os_mutex_lock(&u->lock);
        u->stop = true;
        os_cond_broadcast(&u->changed);
        os_mutex_unlock(&u->lock);
        os_thread_join(&u->thread);
    }
    os_cond_destroy(&u->changed);
    os_mutex_destroy(&u->lock);
    free(u->tx);
    free(u->in);
    free(u->answer);
    free(u);
}

/* ---- the wire ----------------------------------------------------------------------------- */

/* Bytes arrive on the receive line (fed to the receiver by feed()); returns once they were
 * received and the interrupts they raised were serviced. */
void pnp_uart_wire_in(struct pnp_uart *u, const void *data, size_t size)
{
    const UCHAR *bytes = data;
    size_t done = 0;
    os_mutex_lock(&u->lock);
    do {
        done += wire_append(u, bytes + done, size - done);
        changed(u);
        settle(u);
    } while (done < size && !u->stop);
    os_mutex_unlock(&u->lock);
}

/* The far end's answer to RTS rising while DTR is on (NULL, 0: none), copied. */
bool pnp_uart_wire_answer(struct pnp_uart *u, const void *data, size_t size)
{
    UCHAR *copy = size > 0 && size <= WIRE_MAX ? malloc(size) : NULL;
    if (size > 0 && copy == NULL)
        return false;
    if (size > 0)
        memcpy(copy, data, size);
    os_mutex_lock(&u->lock);
    free(u->answer);
    u->answer = copy;
    u->answer_size = size;
    os_mutex_unlock(&u->lock);
    return true;
}

/* A break on the receive line, after the bytes queued before it: one zero character is
 * received with LSR's BI set (and, with FIFOs, bit 7). Deviation: the data sheet shows BI when
 * that character reaches the top of the FIFO; here at once (the FIFO is empty when the driver
 * keeps up). Not heard in loopback. */
void pnp_uart_wire_break(struct pnp_uart *u)
{
    os_mutex_lock(&u->lock);
    settle(u);
    if (!(u->mcr & MCR_LOOP)) {
        rx_push(u, 0);
        u->lsr_errors |= (UCHAR)(LSR_BI | (fifo_on(u) ? LSR_FIFO_ERR : 0));
    }
    changed(u);
    settle(u);
    os_mutex_unlock(&u->lock);
}

/* The far end sets the modem-status inputs (MSR bits 4-7: CTS, DSR, RI, DCD). */
void pnp_uart_wire_lines(struct pnp_uart *u, UCHAR msr_bits)
{
    os_mutex_lock(&u->lock);
    u->modem_in = (UCHAR)(msr_bits & 0xF0u);
    modem_update(u);
    changed(u);
    settle(u);
    os_mutex_unlock(&u->lock);
}

/* Takes up to `size` transmitted bytes, oldest first; the count taken. `state` (may be NULL)
 * gets what the host sees of the line's set-up: divisor, LCR and MCR. */
size_t pnp_uart_wire_out(struct pnp_uart *u, void *buffer, size_t size,
                         struct pnp_uart_state *state)
{
    size_t n;
    os_mutex_lock(&u->lock);
    settle(u);
    n = u->tx_count < size ? u->tx_count : size;
    memcpy(buffer, u->tx, n);
    memmove(u->tx, u->tx + n, u->tx_count - n);
    u->tx_count -= n;
    if (state != NULL) {
        state->divisor = (USHORT)(u->dll | (u->dlm << 8));
        state->lcr = u->lcr;
        state->mcr = u->mcr;
        state->ier = u->ier;
        state->fcr = u->fcr;
    }
    os_mutex_unlock(&u->lock);
    return n;
}
