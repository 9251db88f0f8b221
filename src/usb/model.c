/*
 * model.c - the description file of a simulated USB device (docs/usb.md): one statement a line,
 * `#` starts a comment, words separated by blanks, `"text"` a quoted word:
 *
 *   device vid=N pid=N [rev=N] [usb=N] [class=N] [subclass=N] [protocol=N] [ep0=N]
 *          [manufacturer=N] [product=N] [serial=N]
 *   string INDEX "text"
 *   configuration VALUE [attributes=N] [power=MA] [string=N]
 *   interface NUMBER [alt=N] [class=N] [subclass=N] [protocol=N] [string=N]
 *   endpoint ADDRESS bulk|interrupt MAXPACKET [interval=N] [loopback=ADDRESS] [source=DATA]
 *   control in|out vendor|class device|interface|endpoint|other REQUEST [value=N] [index=N]
 *           [reply=DATA] [store=REQUEST] [stall]
 *
 * DATA: hex:0a0b..., "text" or repeat:N:XX. The descriptors are built from it as the device
 * would return them; every problem is reported as FILE:LINE: problem.
 */
#include "usb/usb_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_WORDS 24

struct parse {
    struct usb_dev *dev;
    const char *file;
    unsigned line;
    char *msg;
    size_t msg_size;
    bool failed;
    struct usb_config *config; /* the last configuration line's */
    struct usb_interface *ifc; /* the last interface line's */
};

static bool fail(struct parse *p, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (p->failed)
        return false;
    p->failed = true;
    n = snprintf(p->msg, p->msg_size, "%s:%u: ", p->file, p->line);
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < p->msg_size)
        vsnprintf(p->msg + n, p->msg_size - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

unsigned usb_pipe_index(unsigned address)
{
    return (address & 0x0F) | ((address & 0x80) ? 0x10 : 0);
}

static bool number(struct parse *p, const char *what, const char *text, unsigned long max,
                   unsigned long *out)
{
    char *end;
    unsigned long v;
    if (text == NULL || *text == 0)
        return fail(p, "%s: a number is missing", what);
    v = strtoul(text, &end, 0);
    if (*end != 0 || text[0] == '-')
        return fail(p, "%s: '%s' is not a number", what, text);
    if (v > max)
        return fail(p, "%s: %s is out of range (at most 0x%lx)", what, text, max);
    *out = v;
    return true;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* A quoted word keeps its leading quote (the tokenizer drops the closing one). */
static bool data(struct parse *p, const char *what, const char *text, struct usb_bytes *out)
{
    unsigned long n, v;
    free(out->data);
    *out = (struct usb_bytes){0};
    if (text[0] == '"') {
        out->size = strlen(text + 1);
        out->data = malloc(out->size + 1);
        if (out->data != NULL)
            memcpy(out->data, text + 1, out->size);
    } else if (strncmp(text, "hex:", 4) == 0) {
        size_t len = strlen(text + 4);
        if (len % 2 != 0)
            return fail(p, "%s: hex: wants pairs of hex digits", what);
        out->size = len / 2;
        out->data = malloc(out->size + 1);
        for (size_t i = 0; out->data != NULL && i < out->size; i++) {
            int hi = hexval(text[4 + 2 * i]), lo = hexval(text[5 + 2 * i]);
            if (hi < 0 || lo < 0)
                return fail(p, "%s: '%s' is not hex", what, text);
            out->data[i] = (uint8_t)(hi << 4 | lo);
        }
    } else if (strncmp(text, "repeat:", 7) == 0) {
        char *colon = strchr(text + 7, ':'), count[32];
        if (colon == NULL || (size_t)(colon - text - 7) >= sizeof count)
            return fail(p, "%s: repeat:N:XX expected", what);
        snprintf(count, sizeof count, "%.*s", (int)(colon - text - 7), text + 7);
        if (!number(p, what, count, 1u << 20, &n) || !number(p, what, colon + 1, 0xFF, &v))
            return false;
        out->size = n;
        out->data = malloc(n + 1);
        if (out->data != NULL)
            memset(out->data, (int)v, n);
    } else {
        return fail(p, "%s: '%s' is not DATA (hex:.., \"text\" or repeat:N:XX)", what, text);
    }
    if (out->data == NULL)
        return fail(p, "out of memory");
    return true;
}

/* key=value options: each word after the fixed ones must be one of keys[]; vals[i] its value
 * (NULL: absent; a key without '=' gets ""). */
static bool options(struct parse *p, char **w, int n, const char *const *keys, const char **vals)
{
    for (int k = 0; keys[k] != NULL; k++)
        vals[k] = NULL;
    for (int i = 0; i < n; i++) {
        char *eq = strchr(w[i], '=');
        size_t len = eq ? (size_t)(eq - w[i]) : strlen(w[i]);
        int k = 0;
        while (keys[k] != NULL && (strlen(keys[k]) != len || strncmp(keys[k], w[i], len) != 0))
            k++;
        if (keys[k] == NULL)
            return fail(p, "unknown option '%.*s'", (int)len, w[i]);
        vals[k] = eq ? eq + 1 : "";
    }
    return true;
}

static bool opt_num(struct parse *p, const char *key, const char *val, unsigned long max,
                    unsigned long dflt, unsigned long *out)
{
    *out = dflt;
    return val == NULL || number(p, key, val, max, out);
}

static bool st_device(struct parse *p, char **w, int n)
{
    static const char *const keys[] = {"vid",          "pid",      "rev",      "usb",
                                       "class",        "subclass", "protocol", "ep0",
                                       "manufacturer", "product",  "serial",   NULL};
    const char *v[12];
    unsigned long x[11];
    static const unsigned long max[11] = {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFF, 0xFF,
                                          0xFF,   64,     0xFF,   0xFF,   0xFF};
    static const unsigned long dflt[11] = {0, 0, 0, 0x200, 0, 0, 0, 64, 0, 0, 0};
    PUSB_DEVICE_DESCRIPTOR d = &p->dev->desc;
    if (d->bLength != 0)
        return fail(p, "a second device line");
    if (!options(p, w, n, keys, v))
        return false;
    if (v[0] == NULL || v[1] == NULL)
        return fail(p, "device: vid= and pid= are required");
    for (int i = 0; i < 11; i++)
        if (!opt_num(p, keys[i], v[i], max[i], dflt[i], &x[i]))
            return false;
    if (x[7] != 8 && x[7] != 16 && x[7] != 32 && x[7] != 64)
        return fail(p, "ep0: the default pipe's packet size is 8, 16, 32 or 64");
    d->bLength = sizeof *d;
    d->bDescriptorType = USB_DEVICE_DESCRIPTOR_TYPE;
    d->idVendor = (USHORT)x[0];
    d->idProduct = (USHORT)x[1];
    d->bcdDevice = (USHORT)x[2];
    d->bcdUSB = (USHORT)x[3];
    d->bDeviceClass = (UCHAR)x[4];
    d->bDeviceSubClass = (UCHAR)x[5];
    d->bDeviceProtocol = (UCHAR)x[6];
    d->bMaxPacketSize0 = (UCHAR)x[7];
    d->iManufacturer = (UCHAR)x[8];
    d->iProduct = (UCHAR)x[9];
    d->iSerialNumber = (UCHAR)x[10];
    return true;
}

static bool st_string(struct parse *p, char **w, int n)
{
    unsigned long index;
    struct usb_bytes text = {0};
    if (n != 2)
        return fail(p, "string INDEX \"text\" expected");
    if (!number(p, "string index", w[0], USB_MAX_STRINGS - 1, &index))
        return false;
    if (index == 0)
        return fail(p, "string 0 is the language list (0x0409), not text");
    if (w[1][0] != '"')
        return fail(p, "string: the text must be quoted");
    if (!data(p, "string", w[1], &text))
        return false;
    /* The text as UTF-16LE (ASCII only: each byte one code unit). */
    struct usb_bytes *s = &p->dev->string[index];
    free(s->data);
    s->size = text.size * 2;
    s->data = calloc(1, s->size + 1);
    for (size_t i = 0; s->data != NULL && i < text.size; i++)
        s->data[2 * i] = text.data[i];
    free(text.data);
    return s->data != NULL || fail(p, "out of memory");
}

static bool st_configuration(struct parse *p, char **w, int n)
{
    static const char *const keys[] = {"attributes", "power", "string", NULL};
    const char *v[4];
    unsigned long value, attr, power, str;
    if (n < 1)
        return fail(p, "configuration VALUE expected");
    if (p->dev->nconfig == USB_MAX_CONFIGS)
        return fail(p, "more than %d configurations", USB_MAX_CONFIGS);
    if (!number(p, "configuration value", w[0], 0xFF, &value) ||
        !options(p, w + 1, n - 1, keys, v) || !opt_num(p, "attributes", v[0], 0xFF, 0x80, &attr) ||
        !opt_num(p, "power", v[1], 500, 100, &power) || !opt_num(p, "string", v[2], 0xFF, 0, &str))
        return false;
    if (value == 0)
        return fail(p, "configuration value 0 means unconfigured");
    p->config = &p->dev->config[p->dev->nconfig++];
    p->config->line = p->line;
    p->ifc = NULL;
    p->config->desc = (USB_CONFIGURATION_DESCRIPTOR){
        .bLength = sizeof(USB_CONFIGURATION_DESCRIPTOR),
        .bDescriptorType = USB_CONFIGURATION_DESCRIPTOR_TYPE,
        .bConfigurationValue = (UCHAR)value,
        .iConfiguration = (UCHAR)str,
        .bmAttributes = (UCHAR)(attr | 0x80),
        .MaxPower = (UCHAR)(power / 2),
    };
    return true;
}

static bool st_interface(struct parse *p, char **w, int n)
{
    static const char *const keys[] = {"alt", "class", "subclass", "protocol", "string", NULL};
    const char *v[6];
    unsigned long num, x[5];
    if (p->config == NULL)
        return fail(p, "interface before any configuration line");
    if (n < 1)
        return fail(p, "interface NUMBER expected");
    if (p->config->nifc == USB_MAX_INTERFACES)
        return fail(p, "more than %d interface settings in a configuration", USB_MAX_INTERFACES);
    if (!number(p, "interface number", w[0], USB_MAX_INTERFACES - 1, &num) ||
        !options(p, w + 1, n - 1, keys, v))
        return false;
    for (int i = 0; i < 5; i++)
        if (!opt_num(p, keys[i], v[i], 0xFF, 0, &x[i]))
            return false;
    for (unsigned i = 0; i < p->config->nifc; i++)
        if (p->config->ifc[i].desc.bInterfaceNumber == num &&
            p->config->ifc[i].desc.bAlternateSetting == x[0])
            return fail(p, "interface %lu alt %lu given twice", num, x[0]);
    p->ifc = &p->config->ifc[p->config->nifc++];
    p->ifc->desc = (USB_INTERFACE_DESCRIPTOR){
        .bLength = sizeof(USB_INTERFACE_DESCRIPTOR),
        .bDescriptorType = USB_INTERFACE_DESCRIPTOR_TYPE,
        .bInterfaceNumber = (UCHAR)num,
        .bAlternateSetting = (UCHAR)x[0],
        .bInterfaceClass = (UCHAR)x[1],
        .bInterfaceSubClass = (UCHAR)x[2],
        .bInterfaceProtocol = (UCHAR)x[3],
        .iInterface = (UCHAR)x[4],
    };
    return true;
}

static bool ep_type(struct parse *p, const char *t, UCHAR *out)
{
    if (strcasecmp(t, "bulk") == 0)
        *out = USB_ENDPOINT_TYPE_BULK;
    else if (strcasecmp(t, "interrupt") == 0)
        *out = USB_ENDPOINT_TYPE_INTERRUPT;
    else if (strcasecmp(t, "isochronous") == 0 || strcasecmp(t, "isoch") == 0)
        return fail(p, "isochronous endpoints are not simulated (docs/usb.md)");
    else
        return fail(p, "endpoint type '%s': bulk or interrupt expected", t);
    return true;
}

static bool st_endpoint(struct parse *p, char **w, int n)
{
    static const char *const keys[] = {"interval", "loopback", "source", NULL};
    const char *v[4];
    unsigned long addr, maxp, interval, loop;
    UCHAR type;
    struct usb_endpoint *ep;
    if (p->ifc == NULL)
        return fail(p, "endpoint before any interface line");
    if (n < 3)
        return fail(p, "endpoint ADDRESS TYPE MAXPACKET expected");
    if (!number(p, "endpoint address", w[0], 0xFF, &addr) || !ep_type(p, w[1], &type) ||
        !number(p, "maximum packet size", w[2], 1024, &maxp) ||
        !options(p, w + 3, n - 3, keys, v) ||
        !opt_num(p, "interval", v[0], 0xFF, type == USB_ENDPOINT_TYPE_INTERRUPT ? 1 : 0, &interval))
        return false;
    if ((addr & 0x70) != 0 || (addr & 0x0F) == 0)
        return fail(p, "endpoint address 0x%02lx: 0x01-0x0F (OUT) or 0x81-0x8F (IN)", addr);
    if (p->ifc->desc.bNumEndpoints == USB_MAX_ENDPOINTS)
        return fail(p, "more than %d endpoints in an interface", USB_MAX_ENDPOINTS);
    for (unsigned i = 0; i < p->ifc->desc.bNumEndpoints; i++)
        if (p->ifc->ep[i].desc.bEndpointAddress == addr)
            return fail(p, "endpoint 0x%02lx given twice in this interface", addr);
    ep = &p->ifc->ep[p->ifc->desc.bNumEndpoints++];
    ep->desc = (USB_ENDPOINT_DESCRIPTOR){
        .bLength = sizeof(USB_ENDPOINT_DESCRIPTOR),
        .bDescriptorType = USB_ENDPOINT_DESCRIPTOR_TYPE,
        .bEndpointAddress = (UCHAR)addr,
        .bmAttributes = type,
        .wMaxPacketSize = (USHORT)maxp,
        .bInterval = (UCHAR)interval,
    };
    ep->loopback = -1;
    if (v[1] != NULL) {
        if (addr & 0x80)
            return fail(p, "loopback= belongs to an OUT endpoint (its data goes to the IN one)");
        if (!number(p, "loopback", v[1], 0xFF, &loop))
            return false;
        if (!(loop & 0x80) || (loop & 0x70) != 0)
            return fail(p, "loopback=0x%02lx is not an IN endpoint address", loop);
        ep->loopback = (int)loop;
    }
    if (v[2] != NULL) {
        if (!(addr & 0x80))
            return fail(p, "source= belongs to an IN endpoint");
        return data(p, "source", v[2], &ep->source);
    }
    return true;
}

static bool pick(struct parse *p, const char *what, const char *word, const char *const *names,
                 int *out)
{
    for (int i = 0; names[i] != NULL; i++)
        if (strcasecmp(word, names[i]) == 0) {
            *out = i;
            return true;
        }
    return fail(p, "%s '%s' unknown", what, word);
}

static bool st_control(struct parse *p, char **w, int n)
{
    static const char *const dirs[] = {"out", "in", NULL};
    static const char *const types[] = {"standard", "class", "vendor", NULL};
    static const char *const recips[] = {"device", "interface", "endpoint", "other", NULL};
    static const char *const keys[] = {"value", "index", "reply", "store", "stall", NULL};
    const char *v[6];
    int dir, type, recip;
    unsigned long req, value, index, store;
    struct usb_control *c;
    if (n < 4)
        return fail(p, "control in|out vendor|class RECIPIENT REQUEST expected");
    if (p->dev->ncontrol == USB_MAX_CONTROLS)
        return fail(p, "more than %d control lines", USB_MAX_CONTROLS);
    if (!pick(p, "direction", w[0], dirs, &dir) || !pick(p, "request type", w[1], types, &type) ||
        !pick(p, "recipient", w[2], recips, &recip) || !number(p, "request", w[3], 0xFF, &req) ||
        !options(p, w + 4, n - 4, keys, v) || !opt_num(p, "value", v[0], 0xFFFF, 0, &value) ||
        !opt_num(p, "index", v[1], 0xFFFF, 0, &index) ||
        !opt_num(p, "store", v[3], 0xFF, 0, &store))
        return false;
    if (type == 0)
        return fail(p, "standard requests are the device's own (GET_DESCRIPTOR, ...)");
    if (dir == 1 && v[3] != NULL)
        return fail(p, "store= belongs to an OUT request");
    if (dir == 0 && v[2] != NULL)
        return fail(p, "reply= belongs to an IN request");
    c = &p->dev->control[p->dev->ncontrol++];
    c->request_type = (uint8_t)(dir << 7 | type << 5 | recip);
    c->request = (uint8_t)req;
    c->value = v[0] != NULL ? (int)value : -1;
    c->index = v[1] != NULL ? (int)index : -1;
    c->stall = v[4] != NULL;
    c->store = v[3] != NULL ? (int)store : -1;
    return v[2] == NULL || data(p, "reply", v[2], &c->reply);
}

/* Splits a line into words (blanks; "..." one word keeping its opening quote). */
static int words(struct parse *p, char *line, char **w)
{
    int n = 0;
    for (char *s = line; *s;) {
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (*s == 0 || *s == '#')
            break;
        if (n == MAX_WORDS)
            return fail(p, "more than %d words", MAX_WORDS), -1;
        w[n++] = s;
        bool quoted = false;
        for (; *s && (quoted || (*s != ' ' && *s != '\t' && *s != '\r')); s++)
            if (*s == '"') {
                if (quoted) {
                    memmove(s, s + 1, strlen(s)); /* the closing quote dropped */
                    s--;
                }
                quoted = !quoted;
            }
        if (quoted)
            return fail(p, "a quote is not closed"), -1;
        if (*s)
            *s++ = 0;
    }
    return n;
}

static bool statement(struct parse *p, char **w, int n)
{
    static const struct {
        const char *name;
        bool (*fn)(struct parse *, char **, int);
    } st[] = {
        {"device", st_device},       {"string", st_string},     {"configuration", st_configuration},
        {"interface", st_interface}, {"endpoint", st_endpoint}, {"control", st_control}};
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        if (strcasecmp(w[0], st[i].name) == 0) {
            if (i > 0 && p->dev->desc.bLength == 0)
                return fail(p, "the device line comes first");
            return st[i].fn(p, w + 1, n - 1);
        }
    return fail(p,
                "unknown statement '%s' (device, string, configuration, interface, endpoint, "
                "control)",
                w[0]);
}

static bool append(struct usb_bytes *b, const void *d, size_t n)
{
    uint8_t *m = realloc(b->data, b->size + n + 1);
    if (m == NULL)
        return false;
    memcpy(m + b->size, d, n);
    b->data = m;
    b->size += n;
    return true;
}

/* The configuration descriptor, then each interface setting with its endpoints. */
static bool build_config(struct parse *p, struct usb_config *c)
{
    unsigned numbers = 0;
    uint32_t seen = 0;
    p->line = c->line;
    for (unsigned i = 0; i < c->nifc; i++) {
        unsigned num = c->ifc[i].desc.bInterfaceNumber;
        if (!(seen & (1u << num)))
            numbers++;
        seen |= 1u << num;
    }
    for (unsigned num = 0; num < numbers; num++)
        if (!(seen & (1u << num)))
            return fail(p, "configuration %u: interface numbers must run from 0 without gaps",
                        c->desc.bConfigurationValue);
    c->desc.bNumInterfaces = (UCHAR)numbers;
    if (!append(&c->blob, &c->desc, sizeof c->desc))
        return fail(p, "out of memory");
    for (unsigned i = 0; i < c->nifc; i++) {
        if (!append(&c->blob, &c->ifc[i].desc, sizeof c->ifc[i].desc))
            return fail(p, "out of memory");
        for (unsigned e = 0; e < c->ifc[i].desc.bNumEndpoints; e++)
            if (!append(&c->blob, &c->ifc[i].ep[e].desc, sizeof c->ifc[i].ep[e].desc))
                return fail(p, "out of memory");
    }
    ((PUSB_CONFIGURATION_DESCRIPTOR)c->blob.data)->wTotalLength = (USHORT)c->blob.size;
    c->desc.wTotalLength = (USHORT)c->blob.size;
    return true;
}

static bool finish(struct parse *p)
{
    struct usb_dev *d = p->dev;
    if (d->desc.bLength == 0)
        return fail(p, "no device line");
    if (d->nconfig == 0)
        return fail(p, "no configuration line");
    d->desc.bNumConfigurations = (UCHAR)d->nconfig;
    for (unsigned i = 0; i < d->nconfig; i++)
        if (!build_config(p, &d->config[i]))
            return false;
    static const uint8_t langs[2] = {0x09, 0x04}; /* English (United States) */
    return append(&d->string[0], langs, sizeof langs) || fail(p, "out of memory");
}

struct usb_dev *usb_model_parse(const char *text, size_t size, const char *file, char *msg,
                                size_t msg_size)
{
    struct parse p = {.file = file, .msg = msg, .msg_size = msg_size};
    char *copy = malloc(size + 1), *line, *save = NULL, *w[MAX_WORDS];
    p.dev = calloc(1, sizeof *p.dev);
    if (copy == NULL || p.dev == NULL) {
        free(copy);
        free(p.dev);
        snprintf(msg, msg_size, "%s: out of memory", file);
        return NULL;
    }
    memcpy(copy, text, size);
    copy[size] = 0;
    /* strtok_r would skip empty lines and so miscount them: split by hand. */
    for (line = copy; line != NULL && !p.failed; line = save) {
        save = strchr(line, '\n');
        if (save != NULL)
            *save++ = 0;
        p.line++;
        int n = words(&p, line, w);
        if (n > 0)
            statement(&p, w, n);
    }
    free(copy);
    p.line++;
    if (!p.failed)
        finish(&p);
    if (p.failed) {
        usb_model_free(p.dev);
        return NULL;
    }
    return p.dev;
}

void usb_model_free(struct usb_dev *dev)
{
    if (dev == NULL)
        return;
    for (unsigned c = 0; c < USB_MAX_CONFIGS; c++) {
        free(dev->config[c].blob.data);
        for (unsigned i = 0; i < USB_MAX_INTERFACES; i++)
            for (unsigned e = 0; e < USB_MAX_ENDPOINTS; e++)
                free(dev->config[c].ifc[i].ep[e].source.data);
    }
    for (unsigned s = 0; s < USB_MAX_STRINGS; s++)
        free(dev->string[s].data);
    for (unsigned i = 0; i < USB_MAX_CONTROLS; i++)
        free(dev->control[i].reply.data);
    for (unsigned i = 0; i < USB_PIPES; i++)
        free(dev->pipe[i].fifo.data);
    free(dev->file);
    free(dev->instance);
    free(dev);
}
