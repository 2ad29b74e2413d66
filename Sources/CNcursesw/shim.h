#ifndef TSUNDOKU_CNCURSESW_SHIM_H
#define TSUNDOKU_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Starts curses on standard output and input for a terminal type; NULL when it cannot (unlike
   initscr, which prints and exits). */
static inline SCREEN *tsu_newterm(const char *type) { return newterm(type, stdout, stdin); }

/* Macros Swift cannot import, as functions. */
static inline int tsu_color_pair(int pair) { return (int)COLOR_PAIR(pair); }
static inline int tsu_lines(void) { return LINES; }
static inline int tsu_cols(void) { return COLS; }
static inline int tsu_colors(void) { return COLORS; }
static inline WINDOW *tsu_stdscr(void) { return stdscr; }
static inline unsigned long tsu_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }
static inline unsigned long tsu_button1_press(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
static inline unsigned long tsu_wheel_up(void) { return BUTTON4_PRESSED; }
static inline unsigned long tsu_wheel_down(void) { return BUTTON5_PRESSED; }
static inline attr_t tsu_attr_bold(void) { return A_BOLD; }
static inline attr_t tsu_attr_dim(void) { return A_DIM; }
static inline attr_t tsu_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t tsu_attr_reverse(void) { return A_REVERSE; }
static inline attr_t tsu_attr_italic(void) { return A_ITALIC; }
static inline int tsu_ccharw_max(void) { return CCHARW_MAX; }
static inline int tsu_color_pairs(void) { return COLOR_PAIRS; }

/* Draws one cell: the cluster's code points (at most CCHARW_MAX) with attributes and a pair. */
static inline int tsu_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

/* Writes one grapheme cluster that a cchar_t cannot hold (an emoji ZWJ sequence, a flag, a
   Devanagari conjunct, Thai with SARA AM...) straight to the terminal at (y, x), in the given
   attributes, after curses has drawn (and flushed) the frame; `tsu_end_raw_clusters` flushes
   these bytes before curses writes again, so the order of bytes is kept. */
static inline void tsu_put_raw_cluster(int y, int x, const char *utf8, attr_t attrs, short pair) {
    vid_attr(attrs, pair, NULL);
    putp(tiparm(cursor_address, y, x));
    putp(utf8);
}

/* Puts the terminal back the way curses believes it is after raw clusters: normal attributes and
   the cursor at (y, x), where the last refresh left it. */
static inline void tsu_end_raw_clusters(int y, int x) {
    vid_attr(A_NORMAL, 0, NULL);
    putp(tiparm(cursor_address, y, x));
    fflush(stdout);
}

#include <signal.h>
#include <pthread.h>
/* Installs `handler` for SIGINT, SIGTERM and SIGHUP and makes sure they are not blocked (the
   Swift runtime may start the program with them blocked). The flag the handler sets lives in
   Swift: a static variable here would exist once per compiled Swift file. */
static inline void tsu_install_stop_handlers(void (*handler)(int)) {
    struct sigaction action;
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    pthread_sigmask(SIG_UNBLOCK, &stops, NULL);
}

#endif
