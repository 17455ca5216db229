/*
 * bench/tlsserver.c: a pre-forked TLS server on 127.0.0.1 for the
 * benchmarks (the tests use tests/tlsserver.py, which is easier to bend;
 * this one costs a third of its CPU per connection, so a benchmark
 * measures the client rather than the server).
 *
 *   tlsserver CHAIN.pem KEY.pem PORTFILE WORKERS [HEADER ...]
 *
 * Each connection gets "HTTP/1.1 200 OK", the HEADER lines and an empty
 * body, after the request's header has been read.  The workers stop when
 * their parent goes away, and after ten minutes in any case.  Not
 * installed; built by bench/check-all.
 */
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
die(const char *what)
{
	fprintf(stderr, "tlsserver: %s\n", what);
	exit(1);
}

static void
serve(SSL_CTX *ctx, int fd, const char *reply)
{
	struct timeval	 tv = { 10, 0 };
	char		 buf[4096];
	size_t		 have = 0;
	int		 n;
	SSL		*ssl = SSL_new(ctx);

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (ssl == NULL || SSL_set_fd(ssl, fd) != 1 || SSL_accept(ssl) != 1)
		goto done;
	while (have < sizeof buf - 1) {
		if ((n = SSL_read(ssl, buf + have, (int)(sizeof buf - 1 -
		    have))) <= 0)
			goto done;
		have += (size_t)n;
		buf[have] = '\0';
		if (strstr(buf, "\r\n\r\n") != NULL)
			break;
	}
	SSL_write(ssl, reply, (int)strlen(reply));
	SSL_shutdown(ssl);
done:
	SSL_free(ssl);
	close(fd);
	ERR_clear_error();
}

int
main(int argc, char **argv)
{
	struct sockaddr_in	 sa;
	socklen_t		 len = sizeof sa;
	SSL_CTX			*ctx;
	char			 reply[8192] = "HTTP/1.1 200 OK\r\n";
	FILE			*f;
	int			 ls, i, fd, workers, one = 1;

	if (argc < 5 || (workers = atoi(argv[4])) < 1)
		die("usage: tlsserver CHAIN KEY PORTFILE WORKERS [HEADER ...]");
	for (i = 5; i < argc; i++)
		snprintf(reply + strlen(reply), sizeof reply - strlen(reply),
		    "%s\r\n", argv[i]);
	snprintf(reply + strlen(reply), sizeof reply - strlen(reply),
	    "Content-Length: 0\r\nConnection: close\r\n\r\n");
	if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL ||
	    SSL_CTX_use_certificate_chain_file(ctx, argv[1]) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, argv[2], SSL_FILETYPE_PEM) != 1)
		die("cannot load the certificate or key");
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((ls = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(ls, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(ls, 1024) != 0 ||
	    getsockname(ls, (struct sockaddr *)&sa, &len) != 0)
		die("cannot listen on 127.0.0.1");
	signal(SIGPIPE, SIG_IGN);
	alarm(600);
	for (i = 1; i < workers; i++)
		if (fork() == 0) {
#ifdef __linux__
			prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
			break;
		}
	if (i == workers) {
		if ((f = fopen(argv[3], "w")) == NULL)
			die("cannot write the port file");
		fprintf(f, "%u\n", ntohs(sa.sin_port));
		fclose(f);
	}
	for (;;)
		if ((fd = accept(ls, NULL, NULL)) >= 0)
			serve(ctx, fd, reply);
	return 0;
}
