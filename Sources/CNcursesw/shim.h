// The only place in Gloss that includes curses. Swift cannot see macros with arguments or
// variadic functions, so each one Gloss needs is wrapped once here as a gloss_* inline function.
#ifndef GLOSS_CNCURSESW_SHIM_H
#define GLOSS_CNCURSESW_SHIM_H

// Without this the wide-character API (cchar_t, wget_wch, mvwaddnwstr) is silently missing:
// SwiftPM drops the -D flags that pkg-config would give.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Attributes are macros built from NCURSES_BITS; expose them as functions.
static inline attr_t gloss_a_normal(void) { return A_NORMAL; }
static inline attr_t gloss_a_bold(void) { return A_BOLD; }
static inline attr_t gloss_a_dim(void) { return A_DIM; }
static inline attr_t gloss_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gloss_a_reverse(void) { return A_REVERSE; }
static inline attr_t gloss_a_italic(void) { return A_ITALIC; }
static inline attr_t gloss_a_standout(void) { return A_STANDOUT; }

// Mouse masks are macros too.
static inline mmask_t gloss_mouse_mask_all(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t gloss_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gloss_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t gloss_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t gloss_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t gloss_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t gloss_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t gloss_button5_pressed(void) { return 0; }
#endif
static inline mmask_t gloss_button_shift(void) { return BUTTON_SHIFT; }

// Whether the terminal set up by newterm can move the cursor (TERM=dumb cannot: nothing but
// the last line would ever show).
static inline int gloss_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

// getmaxyx is a macro.
static inline void gloss_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

// KEY_F(n) is a macro.
static inline int gloss_key_f(int n) { return KEY_F(n); }

// Draw one cell: a wide string (base character plus combining marks) with attributes and a pair.
static inline int gloss_put_cell(WINDOW *w, int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cc;
    if (setcchar(&cc, wch, attrs, (short)(pair < 32767 ? pair : 0), pair >= 32767 ? &pair : NULL) != OK) return ERR;
    return mvwadd_wch(w, y, x, &cc);
}

// Colour pairs past 32767 need the extended call.
static inline int gloss_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }

// libc wcwidth is not visible through Glibc in Swift; re-export it.
static inline int gloss_wcwidth(wchar_t c) { return wcwidth(c); }

// The escape delay is a global; set it through a function.
static inline void gloss_set_escdelay(int ms) { set_escdelay(ms); }

#endif
