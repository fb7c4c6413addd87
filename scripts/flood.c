/* Flood sender for benchmarks and tests: COUNT valid datagrams of one protocol, round robin over SOURCES sources,
 * with sendmmsg, to a group in 239.255.0.0/16 on loopback only (IP_MULTICAST_IF 127.0.0.1, TTL 0), at RATE
 * datagrams/s (0: as fast as sendmmsg goes).
 *
 * Every number is a function of the datagram's index, so what was sent is known exactly: datagram i is message
 * n = i / SOURCES of source s = i % SOURCES (MPEG-TS: TS packet j = 7 i + k is packet j / SOURCES of PID lane
 * j % SOURCES), and its sequence number is START + n, wrapped as the protocol's space wraps:
 *   rtp       RTP, 12-byte header + 160 bytes, SSRC 0x10000000 + s, 16-bit seq (default start 65500), ts + 1800
 *   mpegts    1,316 bytes: 7 TS packets, PID 0x100 + s, 4-bit continuity counter
 *   ptp       PTP v2 two-step Sync, 44 bytes, clockIdentity 0x001122fffe000000 + s port 1, 16-bit sequenceId
 *   collectd  one value list (host-NNNN/load/load, 3 gauges), TIME_HR = T0 + n intervals of exactly 1 s (2^30)
 *   sacn      E1.31 data packet, 512 slots, CID per source, 8-bit sequence, universe from the group (hi.lo)
 *   rtps      RTPS message with one DATA of writer (0x100 + s) << 8 | 2, 64-bit writerSN (default 2^32 - 96)
 *   json      Gapwatch v1 update {"src":"flood/src-NNNNN","seq":N,"value":...,"status":"ok"}
 *   jsonmap   the sensor-gateway shape (docs/mappings/sensor-gateway.json), frame counter = seq
 * --skip K leaves out K sequence numbers of source 0 (MPEG-TS: of PID 0x100) halfway through its messages: no
 * datagram is missing, its numbers jump, so a receiver must count exactly K lost (K below the space's window:
 * MPEG-TS 15, sACN 236, RTP and PTP 3,000; a larger K reads as less, as any such run of loss).
 *
 * Prints one JSON line: {"proto","sent" (datagrams),"seconds","rate" (datagrams/s achieved),"updates" (what a
 * receiver counts as received: datagrams, MPEG-TS TS packets),"skipped" (the loss a receiver must count),
 * "perDatagram" (updates a datagram holds)}.
 * --closing-round 1: after the flood, a pause of 1 s, then one more message of every source at 10,000/s, so that
 * loss anywhere in the flood is followed by a message that reveals it (loss after a source's last message is never
 * seen); "sent" and "updates" include it, "closing" says how many datagrams it had, "rate" is the flood's alone.
 * Usage: flood --proto P --group G --port PORT --count N [--sources S] [--rate R] [--seq-start N] [--skip K]
 *              [--closing-round 0|1] */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAXLEN 1400
#define TS_PER_DATAGRAM 7

enum proto { RTP, MPEGTS, PTP, COLLECTD, SACN, RTPS, JSON, JSONMAP };
static const char *NAMES[] = {"rtp", "mpegts", "ptp", "collectd", "sacn", "rtps", "json", "jsonmap"};

static enum proto proto;
static long sources = 100;
static uint64_t start;
static int start_given;
static uint64_t skip;
static uint64_t skip_at; /* source 0's message number from which its numbers are `skip` further on */
static int universe;
static int close_round;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void put16(unsigned char *p, unsigned v) {
    p[0] = v >> 8;
    p[1] = v;
}

static void put32(unsigned char *p, uint32_t v) {
    put16(p, v >> 16);
    put16(p + 2, v & 0xffff);
}

static void put64(unsigned char *p, uint64_t v) {
    put32(p, v >> 32);
    put32(p + 4, (uint32_t) v);
}

static void put32le(unsigned char *p, uint32_t v) {
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

/* The sequence number (before wrapping) of message n of source s. */
static uint64_t seq_of(long s, uint64_t n) {
    return start + n + (s == 0 && n >= skip_at ? skip : 0);
}

static int rtp(unsigned char *p, long s, uint64_t n) {
    uint32_t ssrc = 0x10000000u + (uint32_t) s, ts = (uint32_t) (n * 1800);
    memset(p, 0, 172);
    p[0] = 0x80;
    p[1] = 96;
    put16(p + 2, seq_of(s, n) & 0xffff);
    put32(p + 4, ts);
    put32(p + 8, ssrc);
    return 172;
}

static int mpegts(unsigned char *p, uint64_t i) {
    for (int k = 0; k < TS_PER_DATAGRAM; k++) {
        uint64_t j = i * TS_PER_DATAGRAM + k;
        long s = j % sources;
        unsigned pid = 0x100 + s;
        unsigned char *t = p + 188 * k;
        memset(t, 0, 188);
        t[0] = 0x47;
        t[1] = (k == 0 ? 0x40 : 0) | (pid >> 8 & 0x1f);
        t[2] = pid;
        t[3] = 0x10 | (seq_of(s, j / sources) & 0x0f); /* payload only, continuity counter */
    }
    return 188 * TS_PER_DATAGRAM;
}

static int ptp(unsigned char *p, long s, uint64_t n) {
    memset(p, 0, 44);
    p[0] = 0x0;  /* Sync */
    p[1] = 2;    /* versionPTP */
    put16(p + 2, 44);
    p[4] = 0;    /* domain */
    put16(p + 6, 0x0200); /* twoStep */
    put64(p + 20, 0x001122fffe000000ull + (uint64_t) s);
    put16(p + 28, 1);
    put16(p + 30, seq_of(s, n) & 0xffff);
    p[32] = 0;   /* control: Sync */
    p[33] = (unsigned char) -4; /* logMessageInterval: 16/s */
    return 44;
}

static int part_string(unsigned char *p, unsigned type, const char *s) {
    size_t len = strlen(s);
    put16(p, type);
    put16(p + 2, 4 + len + 1);
    memcpy(p + 4, s, len + 1);
    return 4 + len + 1;
}

static int part_number(unsigned char *p, unsigned type, uint64_t v) {
    put16(p, type);
    put16(p + 2, 12);
    put64(p + 4, v);
    return 12;
}

static int collectd(unsigned char *p, long s, uint64_t n) {
    char host[32];
    snprintf(host, sizeof host, "host-%04ld", s);
    int o = part_string(p, 0x0000, host);
    /* TIME_HR in 2^-30 s: T0 + (number) x 1 s, exactly one INTERVAL_HR (1 s) a round. */
    o += part_number(p + o, 0x0008, (uint64_t) (1700000000ull + seq_of(s, n)) << 30);
    o += part_number(p + o, 0x0009, 1ull << 30);
    o += part_string(p + o, 0x0002, "load");
    o += part_string(p + o, 0x0004, "load");
    double v[3] = {0.5, 0.25 + (n % 100) / 100.0, 0.125};
    put16(p + o, 0x0006);
    put16(p + o + 2, 6 + 9 * 3);
    put16(p + o + 4, 3);
    o += 6;
    for (int k = 0; k < 3; k++) {
        p[o++] = 1; /* GAUGE */
    }
    for (int k = 0; k < 3; k++) { /* gauges are little-endian doubles */
        uint64_t bits;
        memcpy(&bits, &v[k], 8);
        for (int b = 0; b < 8; b++) {
            p[o++] = bits >> (8 * b);
        }
    }
    return o;
}

static int sacn(unsigned char *p, long s, uint64_t n) {
    const int slots = 512, len = 126 + slots;
    memset(p, 0, len);
    put16(p, 0x0010);
    memcpy(p + 4, "ASC-E1.17", 9);
    put16(p + 16, 0x7000 | (len - 16));
    put32(p + 18, 4);                       /* VECTOR_ROOT_E131_DATA */
    put64(p + 22, 0x1000 + (uint64_t) s);   /* CID */
    put64(p + 30, 0x2000 + (uint64_t) s);
    put16(p + 38, 0x7000 | (len - 38));
    put32(p + 40, 2);                       /* VECTOR_E131_DATA_PACKET */
    snprintf((char *) p + 44, 64, "flood %ld", s);
    p[108] = 100;                           /* priority */
    p[111] = seq_of(s, n) & 0xff;
    p[112] = 0;                             /* options */
    put16(p + 113, universe);
    put16(p + 115, 0x7000 | (len - 115));
    p[117] = 0x02;                          /* VECTOR_DMP_SET_PROPERTY */
    p[118] = 0xa1;
    put16(p + 119, 0);
    put16(p + 121, 1);
    put16(p + 123, slots + 1);
    p[125] = 0;                             /* START code */
    for (int k = 0; k < 48; k++) {
        p[126 + k] = (unsigned char) (k * 5 + n);
    }
    return len;
}

static int rtps(unsigned char *p, long s, uint64_t n) {
    static const unsigned char head[] = {'R', 'T', 'P', 'S', 2, 1, 0x01, 0x10};
    memcpy(p, head, 8);
    put64(p + 8, 0x0110000000000001ull);    /* GUID prefix */
    put32(p + 16, 7);
    unsigned char *d = p + 20;
    d[0] = 0x15;                            /* DATA */
    d[1] = 0x04 | 0x01;                     /* data, little-endian */
    d[2] = 28;
    d[3] = 0;
    d[4] = d[5] = 0;                        /* extraFlags */
    d[6] = 16;                              /* octetsToInlineQos */
    d[7] = 0;
    put32(d + 8, 0);                        /* readerId */
    put32(d + 12, (uint32_t) ((0x100 + s) << 8 | 0x02)); /* writerId: user writer with key */
    uint64_t sn = seq_of(s, n);
    put32le(d + 16, (uint32_t) (sn >> 32));
    put32le(d + 20, (uint32_t) sn);
    d[24] = 0;                              /* CDR_LE encapsulation */
    d[25] = 1;
    d[26] = d[27] = 0;
    put32le(d + 28, (uint32_t) n);
    return 20 + 4 + 28;
}

static int json(unsigned char *p, long s, uint64_t n) {
    return snprintf((char *) p, MAXLEN,
                    "{\"src\":\"flood/src-%05ld\",\"seq\":%llu,\"value\":%.1f,\"unit\":\"bar\",\"status\":\"ok\"}", s,
                    (unsigned long long) seq_of(s, n), 20 + (n % 100) / 10.0);
}

static int jsonmap(unsigned char *p, long s, uint64_t n) {
    return snprintf((char *) p, MAXLEN,
                    "{\"gateway\":\"flood\",\"readings\":[{\"site\":\"s%ld\",\"device\":\"d%05ld\",\"frame\":%llu,"
                    "\"value\":%.1f,\"unit\":\"degC\",\"state\":0,\"time\":%llu.0,\"period\":1}]}",
                    s % 10, s, (unsigned long long) seq_of(s, n), 20 + (n % 100) / 10.0,
                    (unsigned long long) (1700000000ull + n));
}

/* Datagram i into p; its length. */
static int build(unsigned char *p, uint64_t i) {
    long s = i % sources;
    uint64_t n = i / sources;
    switch (proto) {
    case RTP: return rtp(p, s, n);
    case MPEGTS: return mpegts(p, i);
    case PTP: return ptp(p, s, n);
    case COLLECTD: return collectd(p, s, n);
    case SACN: return sacn(p, s, n);
    case RTPS: return rtps(p, s, n);
    case JSON: return json(p, s, n);
    default: return jsonmap(p, s, n);
    }
}

/* Sends datagrams from..to-1 at rate datagrams/s (0: flat out); 0, or 1 after an error it printed. */
static int send_range(int fd, struct mmsghdr *msgs, struct iovec *iov, unsigned char (*buf)[MAXLEN], uint64_t from,
                      uint64_t to, double rate) {
    double t0 = now();
    uint64_t next = from;
    while (next < to) {
        int n = to - next < BATCH ? (int) (to - next) : BATCH;
        for (int i = 0; i < n; i++) {
            iov[i].iov_len = build(buf[i], next + i);
        }
        int done = sendmmsg(fd, msgs, n, 0);
        if (done < 0) {
            if (errno == EINTR || errno == ENOBUFS || errno == EAGAIN) {
                continue;
            }
            perror("flood: sendmmsg");
            return 1;
        }
        next += done; /* numbers are a function of the index: what was not sent is built again */
        if (rate > 0) {
            double ahead = (next - from) / rate - (now() - t0);
            if (ahead > 0.001) {
                struct timespec d = {(time_t) ahead, (long) ((ahead - (time_t) ahead) * 1e9)};
                nanosleep(&d, NULL);
            }
        }
    }
    return 0;
}

static int usage(const char *why) {
    fprintf(stderr, "flood: %s\nusage: flood --proto rtp|mpegts|ptp|collectd|sacn|rtps|json|jsonmap --group G "
                    "--port P --count N [--sources S] [--rate R] [--seq-start N] [--skip K] [--closing-round 0|1]\n", why);
    return 2;
}

static int number(const char *s, unsigned long long *out) {
    char *end;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return errno == 0 && *s >= '0' && *s <= '9' && *end == 0;
}

int main(int argc, char **argv) {
    const char *group = NULL, *name = NULL;
    unsigned long long port = 0, count = 0, v;
    double rate = 0;
    for (int a = 1; a < argc; a += 2) {
        if (a + 1 >= argc) {
            return usage("an option without its value");
        }
        const char *o = argv[a], *val = argv[a + 1];
        if (!strcmp(o, "--proto")) {
            name = val;
        } else if (!strcmp(o, "--group")) {
            group = val;
        } else if (!strcmp(o, "--port") && number(val, &port) && port > 0 && port < 65536) {
        } else if (!strcmp(o, "--count") && number(val, &count) && count > 0) {
        } else if (!strcmp(o, "--sources") && number(val, &v) && v > 0 && v <= 4096) {
            sources = (long) v;
        } else if (!strcmp(o, "--rate") && (rate = atof(val)) >= 0 && *val >= '0' && *val <= '9') {
        } else if (!strcmp(o, "--seq-start") && number(val, &v)) {
            start = v;
            start_given = 1;
        } else if (!strcmp(o, "--skip") && number(val, &v)) {
            skip = v;
        } else if (!strcmp(o, "--closing-round") && number(val, &v) && v <= 1) {
            close_round = (int) v;
        } else {
            fprintf(stderr, "flood: bad option or value: %s %s\n", o, val);
            return 2;
        }
    }
    if (name == NULL || group == NULL || port == 0 || count == 0) {
        return usage("--proto, --group, --port and --count are required");
    }
    int found = 0;
    for (int k = 0; k < 8; k++) {
        if (!strcmp(name, NAMES[k])) {
            proto = (enum proto) k;
            found = 1;
        }
    }
    if (!found) {
        return usage("unknown --proto");
    }
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((unsigned short) port)};
    /* Loopback benchmarks only: an administratively scoped group in 239.255.0.0/16. */
    if (inet_pton(AF_INET, group, &to.sin_addr) != 1 || (ntohl(to.sin_addr.s_addr) >> 16) != 0xefff) {
        fprintf(stderr, "flood: %s is not an IPv4 group in 239.255.0.0/16\n", group);
        return 2;
    }
    universe = ntohl(to.sin_addr.s_addr) & 0xffff;
    if (proto == SACN && (universe < 1 || universe > 63999)) {
        fprintf(stderr, "flood: sacn needs a universe's group 239.255.HI.LO with universe 1-63999\n");
        return 2;
    }
    if (proto == MPEGTS && sources > 0x1eff) {
        return usage("mpegts: at most 7935 PIDs");
    }
    if (!start_given) {
        start = proto == RTP || proto == PTP ? 65500 : proto == SACN ? 200 : proto == RTPS ? 0xffffffa0ull
                : proto == JSONMAP ? 1000000000ull : 1;
    }
    if (proto == RTPS && start == 0) {
        return usage("rtps: writer sequence numbers start at 1");
    }
    int per = proto == MPEGTS ? TS_PER_DATAGRAM : 1;
    uint64_t updates = (uint64_t) count * per;
    uint64_t first_source = (updates + sources - 1) / sources; /* messages of source 0 */
    skip_at = first_source / 2;
    if (skip > 0 && first_source < 2) {
        return usage("--skip needs at least two messages of source 0");
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct in_addr lo = {.s_addr = htonl(INADDR_LOOPBACK)};
    unsigned char ttl = 0, loop = 1;
    int sndbuf = 4 << 20;
    if (fd < 0 || setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &lo, sizeof lo) != 0
        || setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0
        || setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) != 0) {
        perror("flood: socket");
        return 1;
    }
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    static unsigned char buf[BATCH][MAXLEN];
    struct iovec iov[BATCH];
    struct mmsghdr msgs[BATCH];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
        iov[i].iov_base = buf[i];
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_name = &to;
        msgs[i].msg_hdr.msg_namelen = sizeof to;
    }
    double t0 = now();
    if (send_range(fd, msgs, iov, buf, 0, count, rate) != 0) {
        return 1;
    }
    double secs = now() - t0;
    /* The closing round: once the receiver had time to drain, one message of every source, gently, so that loss
     * anywhere in the flood is followed by a message that reveals it (as publish's closing update). */
    uint64_t closing = 0;
    if (close_round) {
        closing = proto == MPEGTS ? (uint64_t) (sources + TS_PER_DATAGRAM - 1) / TS_PER_DATAGRAM : (uint64_t) sources;
        struct timespec pause = {1, 0};
        nanosleep(&pause, NULL);
        if (send_range(fd, msgs, iov, buf, count, count + closing, 10000) != 0) {
            return 1;
        }
    }
    uint64_t sent = count + closing;
    updates = sent * per;
    /* The skip happened if source 0 got past message skip_at (it always does with two messages or more). */
    uint64_t skipped = skip > 0 && first_source > skip_at ? skip : 0;
    printf("{\"proto\":\"%s\",\"sent\":%llu,\"closing\":%llu,\"seconds\":%.3f,\"rate\":%.0f,\"updates\":%llu,"
           "\"skipped\":%llu,\"perDatagram\":%d}\n", NAMES[proto], (unsigned long long) sent,
           (unsigned long long) closing, secs, secs > 0 ? count / secs : 0.0, (unsigned long long) updates,
           (unsigned long long) skipped, per);
    return 0;
}
