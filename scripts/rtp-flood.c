/* RTP flood for benchmarks: COUNT packets (12-byte header + 160 bytes) round robin over SOURCES SSRCs to a group on
 * loopback only (IP_MULTICAST_IF 127.0.0.1, TTL 0), sequence numbers from 65000 so every stream wraps, at RATE
 * packets/s (0: as fast as sendmmsg goes). Prints {"sent":N,"seconds":S}.
 * Usage: rtp-flood GROUP PORT COUNT RATE SOURCES */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define LEN 172

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: rtp-flood GROUP PORT COUNT RATE SOURCES\n");
        return 2;
    }
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[2]))};
    if (inet_pton(AF_INET, argv[1], &to.sin_addr) != 1 || !IN_MULTICAST(ntohl(to.sin_addr.s_addr))) {
        fprintf(stderr, "rtp-flood: %s is not an IPv4 multicast group\n", argv[1]);
        return 2;
    }
    long count = atol(argv[3]);
    double rate = atof(argv[4]);
    int sources = atoi(argv[5]);
    if (count <= 0 || rate < 0 || sources <= 0) {
        fprintf(stderr, "rtp-flood: COUNT and SOURCES must be positive, RATE 0 or more\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct in_addr lo = {.s_addr = htonl(INADDR_LOOPBACK)};
    unsigned char ttl = 0, loop = 1;
    int sndbuf = 4 << 20;
    if (fd < 0 || setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &lo, sizeof lo) != 0
        || setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0
        || setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) != 0) {
        perror("rtp-flood: socket");
        return 1;
    }
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    unsigned short *seq = calloc(sources, sizeof *seq);
    unsigned int *ts = calloc(sources, sizeof *ts);
    for (int s = 0; s < sources; s++) {
        seq[s] = 65000;
    }
    static unsigned char buf[BATCH][LEN];
    struct iovec iov[BATCH];
    struct mmsghdr msgs[BATCH];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
        iov[i].iov_base = buf[i];
        iov[i].iov_len = LEN;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_name = &to;
        msgs[i].msg_hdr.msg_namelen = sizeof to;
    }
    double start = now();
    long sent = 0;
    int next = 0;
    while (sent < count) {
        int n = count - sent < BATCH ? (int) (count - sent) : BATCH;
        for (int i = 0; i < n; i++) {
            int s = next;
            next = next + 1 == sources ? 0 : next + 1;
            unsigned char *p = buf[i];
            unsigned int ssrc = 0x10000000u + s;
            p[0] = 0x80;
            p[1] = 96;
            p[2] = seq[s] >> 8;
            p[3] = seq[s];
            p[4] = ts[s] >> 24; p[5] = ts[s] >> 16; p[6] = ts[s] >> 8; p[7] = ts[s];
            p[8] = ssrc >> 24; p[9] = ssrc >> 16; p[10] = ssrc >> 8; p[11] = ssrc;
            seq[s]++;
            ts[s] += 1800;
        }
        int done = sendmmsg(fd, msgs, n, 0);
        if (done < 0) {
            perror("rtp-flood: sendmmsg");
            return 1;
        }
        /* The sequence numbers of unsent packets were used up: step back so nothing sent is a gap. */
        for (int i = done; i < n; i++) {
            next = next == 0 ? sources - 1 : next - 1;
            seq[next]--;
            ts[next] -= 1800;
        }
        sent += done;
        if (rate > 0) {
            double ahead = sent / rate - (now() - start);
            if (ahead > 0.001) {
                struct timespec d = {(time_t) ahead, (long) ((ahead - (time_t) ahead) * 1e9)};
                nanosleep(&d, NULL);
            }
        }
    }
    printf("{\"sent\":%ld,\"seconds\":%.3f}\n", sent, now() - start);
    return 0;
}
