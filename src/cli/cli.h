/*
 * cli.h: what the subcommands share: the command descriptor, exit codes,
 * opening the store, and printing errors, tables and JSON.
 */
#ifndef HS_CLI_H
#define HS_CLI_H

#include <getopt.h>
#include <stdio.h>
#include <json-c/json.h>

#include "hsts/store.h"
#include "stores/access.h"
#include "stores/discover.h"
#include "stores/holders.h"
#include "trust/exception.h"
#include "trust/locate.h"
#include "util/error.h"

/* Exit codes; documented in --help and hstsctl(1). */
#define EXIT_OK		0
#define EXIT_ERROR	1	/* I/O or system error */
#define EXIT_USAGE	2	/* bad command line */
#define EXIT_NOTFOUND	3	/* nothing matched */
#define EXIT_BADDATA	4	/* the store is malformed or not a store */
#define EXIT_UNTRUSTED	5	/* check: failures no stored exception covers */
#define EXIT_STALE	6	/* check: stored state the server contradicts */
#define EXIT_BUSY	7	/* a running process holds a store */

#define CLI_MAX_STORES	64

struct cli {
	const char	*stores[CLI_MAX_STORES];	/* --store, repeated */
	size_t		 nstores;
	const char	*home;		/* --home, or NULL */
	double		 now;		/* CFAbsoluteTime */
	int		 argc;		/* the command line as typed, for */
	char		**argv;		/* commands printed to run again */
};

struct cmd_entry {
	const char	*name;
	const char	*args;		/* the usage after the name */
	const char	*summary;
	const char	*help;		/* option lines for --help */
	int		(*exec)(struct cli *, int, char **);
};

extern const struct cmd_entry	 cmd_list_entry;
extern const struct cmd_entry	 cmd_show_entry;
extern const struct cmd_entry	 cmd_remove_entry;
extern const struct cmd_entry	 cmd_add_entry;
extern const struct cmd_entry	 cmd_prune_entry;
extern const struct cmd_entry	 cmd_undo_entry;
extern const struct cmd_entry	 cmd_stores_entry;
extern const struct cmd_entry	 cmd_exception_dump_entry;
extern const struct cmd_entry	 cmd_exception_list_entry;
extern const struct cmd_entry	 cmd_exception_remove_entry;
extern const struct cmd_entry	 cmd_trust_list_entry;
extern const struct cmd_entry	 cmd_trust_remove_entry;
extern const struct cmd_entry	 cmd_check_entry;
extern const struct cmd_entry	 cmd_doctor_entry;

/* cmd.c: the table and the usage text. */
const struct cmd_entry *cmd_find(const char *);
const struct cmd_entry *cmd_lookup(int, char **, int *);
void	cmd_usage(FILE *);
/* The usage of a group's commands ("trust"): 1, or 0 if none. */
int	cmd_group_help(FILE *, const char *);
/* The command name nearest a mistyped one, or NULL. */
const char *cmd_nearest(const char *);

/* args.c: what every command's arguments share. */
extern const char	args_common_help[];	/* --store, --home, --help */
extern const char	args_exit_help[];	/* the exit codes */
void	args_help(FILE *, const struct cmd_entry *);
/*
 * Print text reflowed at 80 columns, the first line starting at column
 * first, the others indented; max: stop after that many sentences (0:
 * all).
 */
void	args_wrap(FILE *, size_t, size_t, size_t, const char *);
/* "INDENThstsctl NAME ARGS", the arguments wrapped under themselves. */
void	args_usage_line(FILE *, const char *, const struct cmd_entry *);
/*
 * Is s a decimal number from lo to hi, digits only (no sign, no white
 * space)?  1 and *out set, or 0.
 */
int	args_number(const char *, long long, long long, long long *);
/*
 * The one --store FILE of a command that reads one file (what: the file
 * in words, for the message when it is missing); --home is refused.
 */
#define CLI_EXCEPTIONS_FILE	"the property list that holds the " \
	"exceptions (for Wi-Fi: ~/Library/Preferences/" \
	"com.apple.network.eapclient.tls.TrustExceptions.plist)"
#define CLI_TRUST_FILE	"a trust-settings plist (made with 'security " \
	"trust-settings-export FILE', or a copy of trustd's TrustSettings.plist)"
int	args_file(struct cli *, const struct cmd_entry *, const char *,
	    const char **);
/* The candidate nearest to word (at most 2 edits away), or NULL. */
const char *args_nearest(const char *, const char *const *, size_t);
/* Add a --store; -1 to go on, or EXIT_USAGE when there are too many. */
int	args_store(struct cli *, const char *);
/* "hstsctl: REASON" and the command's usage on stderr; returns EXIT_USAGE. */
int	args_misuse(const struct cmd_entry *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Parse the options every command takes (--store, --help) and the
 * command's own.  Returns -1 to continue, else an exit code.
 */
int	args_parse(struct cli *, const struct cmd_entry *, int, char **,
	    const struct option *, int (*)(void *, int, const char *), void *);

/* output.c */
/*
 * s as it may go to a terminal: control characters (C0, DEL, C1), bytes
 * that are not UTF-8, and the backslash as \xHH or \\.  Returns s itself
 * when nothing needs escaping, else buf, cut to len.  Everything printed
 * for people that came from a file or the network goes through it.
 */
#define CLI_SAFE_MAX	4200	/* a buffer for any host name or line */
const char *cli_safe(const char *, char *, size_t);
void	cli_error(const char *, const struct hs_error *);
int	cli_exit_code(const struct hs_error *);
/* "; give the terminal Full Disk Access ..." on macOS for EPERM, or "". */
const char *cli_fda_hint(const struct hs_error *);
void	cli_warnings(const struct hsts_store *);
/*
 * Report a failed edit of path in one line, saying that nothing was
 * written unless the change landed; returns the exit code.
 */
int	cli_edit_error(const char *, const struct hs_error *);
/*
 * The user's command line again, shell-quoted, with extra (a string of
 * options, or NULL) appended: a command printed for people to run does
 * what this run did, with the same stores and options.
 */
const char *cli_again(const struct cli *, const char *, char *, size_t);
/*
 * "hstsctl" with this run's --home and --store options, then words (split
 * at spaces): another command on the same stores.
 */
const char *cli_command(const struct cli *, const char *, char *, size_t);

/* scope.c: the stores a command acts on. */
struct cli_store {
	struct store_found	 f;	/* path and what the store is */
	struct hsts_store	*st;	/* once read; NULL if it cannot be */
	struct hs_error		 err;	/* why not */
	int			 code;	/* its exit code, or 0 */
};

struct cli_scope {
	struct cli		*cli;
	struct cli_store	*v;
	size_t			 n;
	int			 named;	/* --store or HSTSCTL_STORE */
	const char		*home;	/* when discovered */
	const struct hsts_store	**read;	/* the stores read, once read */
	size_t			 nread;
};

enum {
	CLI_SCOPE_SOME,		/* named, or found; none is an error */
	CLI_SCOPE_ANY,		/* named, or found; none is no error */
	CLI_SCOPE_ONE		/* the one named, or Safari's */
};

/* --home, HSTSCTL_HOME, HOME, or the password entry's; NULL: none. */
const char *cli_home(const struct cli *);
/* Which stores; prints what is wrong.  Returns an exit code. */
int	cli_scope_get(struct cli *, int, struct cli_scope *);
/*
 * Read every store; each that cannot be read is named on stderr and
 * skipped.  Returns the first such store's exit code, or EXIT_OK.
 */
int	cli_scope_read(struct cli_scope *);
/*
 * Name the hashed stores' (Chromium's) entries for host, or (all) for
 * every host the other stores hold.
 */
void	cli_scope_name(struct cli_scope *, const char *);
void	cli_scope_name_all(struct cli_scope *);
/* The first unreadable store's exit code, or EXIT_OK. */
int	cli_scope_code(const struct cli_scope *);
/* Name c's failure (c->err) on stderr; returns its exit code. */
int	cli_scope_report(const struct cli_scope *, struct cli_store *);
void	cli_scope_free(struct cli_scope *);
/* Is the output grouped by store (not one store named by the user)? */
int	cli_scope_grouped(const struct cli_scope *);
/* "Safari", "Safari profile UUID", "WebKit app com.example.App", ... */
const char *cli_store_label(const struct cli_store *, char *, size_t);
/* "Label: PATH" before a store's part of the output. */
void	cli_scope_heading(FILE *, const struct cli_scope *, size_t);
/* A store as JSON: path, kind, owner, format, sessions, error, ... */
json_object *cli_store_json(const struct cli_store *);
/* The kind ("safari", "chromium", ...) of the scope's store st. */
const char *cli_scope_kind(const struct cli_scope *, const struct hsts_store *);
json_object *cli_scope_json(const struct cli_scope *);

/* The options of every command that writes (edit.c). */
struct cli_edit_opts {
	int	dry_run;
	int	backup;
	int	quiet;
	int	stop;
	int	force;
	int	json;		/* the changes as one JSON document */
	json_object **into;	/* with json: the document is set here (the
				   caller puts it), not printed */
};
#define CLI_OPT_STOP	0x2f0
#define CLI_OPT_FORCE	0x2f1
#define CLI_OPT_JSON	0x2f2
/* The options of an edit of a file no process holds (exceptions). */
#define CLI_FILE_EDIT_OPTIONS \
	{ "dry-run", no_argument, NULL, 'n' }, \
	{ "backup", no_argument, NULL, 'b' }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "json", no_argument, NULL, CLI_OPT_JSON }
#define CLI_FILE_EDIT_HELP \
	"  -n, --dry-run  print what would change; write nothing\n" \
	"  -b, --backup   keep the previous file as FILE.bak\n" \
	"  -q, --quiet    do not report each change on stderr\n" \
	"  --json         the changes as one JSON document (doc/json.md)\n"
#define CLI_EDIT_OPTIONS \
	CLI_FILE_EDIT_OPTIONS, \
	{ "stop", no_argument, NULL, CLI_OPT_STOP }, \
	{ "force", no_argument, NULL, CLI_OPT_FORCE }
#define CLI_EDIT_HELP \
	CLI_FILE_EDIT_HELP \
	"  --stop         quit the apps and processes that hold a store in\n" \
	"                 memory before writing it (macOS; else it refuses)\n" \
	"  --force        write a browser's store although its profile is in\n" \
	"                 use (a lock left by a crash, or a copied home)\n"
/* Handle -n, -b, -q, --stop for an option callback; 1 if it was one. */
int	cli_edit_option(struct cli_edit_opts *, int);
/*
 * Run planner on every store of the scope, each as one safe transaction,
 * and report what changed; keep (or NULL: all) says which entries it
 * needs to see.  A store that cannot be edited is named and left as it
 * was; the others are edited.  Before writing, the processes that hold
 * the stores are looked for (--stop stops them).  *missing is set to the
 * number of hosts asked for (hosts, as given to hsts_plan_remove; else
 * NULL) that no store had, each named in a note.  Returns an exit code.
 */
/*
 * Before writing the stores of the scope (those changes marks, or all):
 * look for the processes that hold them, and stop them with --stop, or
 * refuse (printing what to do).  EXIT_OK or EXIT_BUSY.  After writing,
 * cli_holders_restart starts again the agents stopped.
 */
int	cli_holders(struct cli_scope *, const struct cli_edit_opts *,
	    const unsigned char *, struct hold_set *);
void	cli_holders_restart(struct hold_set *);
struct hsts_plan;
int	cli_edit(struct cli_scope *, const struct cli_edit_opts *,
	    int (*)(const struct hsts_store *, struct hsts_plan *, void *,
	    struct hs_error *), hsts_keep_fn, void *, char *const *, size_t *);
/* A table of entries, with each one's status at now. */
void	cli_print_table(FILE *, const struct hsts_store *,
	    struct hsts_entry *const *, size_t, double);
/* "learnt", "preloaded", "expired", "knockout", "off", "unknown" */
const char *cli_entry_status(const struct hsts_entry *, double);
json_object *cli_entry_json(const struct hsts_store *,
	    const struct hsts_entry *, double);
/*
 * Print a JSON document to stdout: head's members (keys plain ASCII), then
 * an array called name of n objects made one at a time by item(arg, i),
 * each on its own line and freed once printed, so memory stays flat.
 */
/* ISO time or "-" for a CFAbsoluteTime (known: 0 for "-"). */
const char *cli_time(double, int, char *, size_t);
/* Add "name": ISO string and "name_unix": Unix seconds, or nulls. */
void	cli_json_time(json_object *, const char *, double, int);
void	cli_print_json(json_object *, const char *, size_t,
	    json_object *(*)(void *, size_t), void *);
/* The version of every JSON document's shape (doc/json.md). */
#define CLI_JSON_SCHEMA	1
extern int	cli_json_printed;
/* Print a whole JSON object (adding schema_version), pretty. */
void	cli_print_json_object(json_object *);
/*
 * JSON mode: keep stderr's first line, and at the end print it as
 * {"error": {"message": ..., "exit": CODE}} on stdout when the command
 * failed without printing its JSON.
 */
void	cli_json_errors(void);
void	cli_json_error(int);
/* Flush stdout and report a write error; returns code or EXIT_ERROR. */
int	cli_finish(int);

/* exception.c: showing trust-exception blobs. */
void	cli_value_text(const struct plist_doc *, plist_t, char *, size_t);
void	cli_texc_text(FILE *, const struct texc *);
json_object *cli_texc_json(const struct texc *);
void	cli_texc_keys(const struct texc *, char *, size_t);

/* Read --store for an exception command (required); an exit code. */
int	cli_exception_store(struct cli *, const struct cmd_entry *,
	    struct plist_doc **);

/* override-print.c: Firefox's cert_override.txt, for the exception commands. */
int	cli_is_override(const char *);
int	cli_override_list(const char *, int);
struct cli_edit_opts;
int	cli_override_remove(const char *, const char *,
	    const struct cli_edit_opts *);
/* {"dry_run": ..., "store": PATH, WHAT: N}: a removal's count as JSON. */
void	cli_removed_json(const char *, int, const char *, size_t);

/* trust-print.c: trust settings in words and as JSON. */
#include "trust/settings.h"
void	cli_trust_text(FILE *, const struct tset_record *);
json_object *cli_trust_json(const struct tset_record *);

/* trust-store.c: the file trust list and trust remove use. */
struct cli_trust_src {
	const char	*path;		/* the file to read or edit */
	int		 admin;		/* the admin domain's */
	int		 exported;	/* made with security(1) */
	int		 keep;		/* keep the export: it is the backup */
	char		 dir[4096];
	char		 before[4200];	/* the export */
	char		 edited[4200];	/* the copy to edit */
};
/*
 * The file named (or NULL), or on macOS (sec_available) an export, copied
 * to be edited when edit is set.  Prints what is wrong; an exit code, or
 * CLI_TRUST_NONE when no file is named and none can be exported.
 */
#define CLI_TRUST_NONE	(-1)
int	cli_trust_open(const char *, int, int, struct cli_trust_src *);
/* The one for trust list and trust remove: --store FILE, or the export. */
int	cli_trust_arg(struct cli *, const struct cmd_entry *, int, int,
	    struct cli_trust_src *);
/* Import the edited copy; says where the export before it is kept. */
int	cli_trust_import(struct cli_trust_src *);
/* Remove the export's files, but a backup that must stay. */
void	cli_trust_close(struct cli_trust_src *);

/* live.c: what check and doctor share. */
#include "diagnose/verdict.h"

enum {
	LIVE_OPT_JSON = 0x300, LIVE_OPT_ALL, LIVE_OPT_JOBS, LIVE_OPT_TIMEOUT,
	LIVE_OPT_EXCEPTIONS,
	LIVE_OPT_CONNECT_TO, LIVE_OPT_CAFILE, LIVE_OPT_CAPATH,
	LIVE_OPT_TRUST,
	LIVE_OPT_LAST		/* commands' own options start here */
};

#define LIVE_MAX_CONNECT_TO	16

struct live_opts {
	int			 json;
	int			 all;
	int			 jobs;
	int			 timeout_ms;
	const char		*exceptions;
	const char		*trust_settings;
	const char		*cafile;
	const char		*capath;
	struct connect_to	 ct[LIVE_MAX_CONNECT_TO];
	size_t			 nct;
	const struct cmd_entry	*cmd;		/* for usage messages */
};

/* One host checked, and what came of it. */
struct live_job {
	char			*host;		/* normalised */
	unsigned		 port;
	struct probe_result	 r;
	struct hs_error		 err;
	int			 rc;
	struct verdict		 v;
};

extern const struct option	live_options[];	/* needs <getopt.h> */
/* check's exit code for one host's verdict. */
int	live_exit(const struct verdict *);
/* "trusted", "untrusted" or "error": the certificate of a job. */
const char *live_cert_word(const struct live_job *);
/* One job as JSON: check's "hosts" element, doctor's "check" (json.md). */
json_object *live_job_json(const struct live_job *);
/* The option callback for args_parse; arg is a struct live_opts. */
int	live_option(void *, int, const char *);
/* "host[:port]" normalised; *host is new, caller frees. */
int	live_target(const char *, char **, unsigned *, struct hs_error *);
/* What check and doctor compare the server with. */
struct live_state {
	struct cli_scope	 s;		/* the HSTS stores */
	struct plist_doc	*exdoc;		/* --exceptions, or NULL */
	struct texc_found	*found;		/* its blobs */
	size_t			 nfound;	/* (size_t)-1: no file */
	struct fco		*fco;		/* --exceptions as Firefox's
						   cert_override.txt */
	struct tset		*ts;		/* trust settings, or NULL */
	struct cli_trust_src	 tsrc;		/* where they came from */
};
/*
 * Read the HSTS stores (none found is no error; a bad one among several
 * is named and skipped: cli_scope_code says so), with --exceptions the
 * blobs of that file, and the trust settings of --trust-settings (on
 * macOS, an export by default).  Free with live_state_free.
 */
int	live_stores(struct cli *, const struct live_opts *, struct live_state *);
void	live_state_free(struct live_state *);
void	live_probe(const struct live_opts *, const struct probe_ctx *,
	    const struct live_state *, double, struct live_job *);

#endif
