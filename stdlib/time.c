/*
** time.c -- package time: Sleep, Now/Since/Until, Duration (Go's String()),
** Time, Month, Weekday, Timer/Ticker/After/Tick/AfterFunc, ParseDuration.
**
** Representation:
**   - Duration: VAL_INT (ns) with aux = the time.Duration type id, so
**     `2*time.Second` stays a Duration (arithmetic keeps a non-zero aux).
**   - Time: VAL_INT with aux = the time.Time type id holding
**     unix_ns + TIME_BIAS (2^62). The bias keeps the zero value 0 free to mean
**     Go's zero Time (January 1, year 1), which IsZero/Format/Unix report as
**     Go does; differences and comparisons work directly on the payload.
**     Range: about 1824..2116.
**   - Timer/Ticker: named structs {C <-chan Time; r} whose hidden field holds
**     a TimerState (a scheduler Timer + the channel or the AfterFunc func).
** All timing goes through sched_now(): in deterministic mode (--seed) it is
** the virtual clock, and Now() starts at 2009-11-10 23:00:00 UTC.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/chan.h"
#include "vm/sched.h"
#include "vm/strbuf.h"
#include "vm/vm.h"

/* ---- vm/sched.c ---- */
bool sched_is_deterministic(void);

#define TIME_BIAS ((int64_t)1 << 62)
#define NS_PER_SEC 1000000000LL
#define ZERO_TIME_UNIX (-62135596800LL)   /* Unix() of January 1, year 1 UTC */

static Type *dur_type, *time_type, *month_type, *weekday_type;
static Type *timer_type, *ticker_type, *tstate_type, *chan_time_type;

/* ====================================================================
** values and clocks
** ==================================================================== */

static inline Value dur_val(int64_t d) {
  Value v = INT_VAL(d);
  v.aux = dur_type->id;
  return v;
}

static inline Value time_val(int64_t r) {
  Value v = INT_VAL(r);
  v.aux = time_type->id;
  return v;
}

/* An integer argument (follows a pointer receiver to its int). */
static int64_t int_of(Value v) {
  for (int depth = 0; depth < 3; depth++) {
    if (v.kind == VAL_INT) return v.as.i;
    if (v.kind == VAL_FLOAT) return (int64_t)v.as.f;
    if (v.kind == VAL_CELL && v.as.p) { v = ((Cell *)v.as.p)->v; continue; }
    if (v.kind == VAL_PTR && v.as.p) {
      switch (v.pk) {
      case PTR_CELL: v = ((Cell *)v.as.p)->v; continue;
      case PTR_FIELD: v = ((ObjStruct *)v.as.p)->f[v.aux]; continue;
      case PTR_ELEM: v = ((ObjArray *)v.as.p)->v[v.aux]; continue;
      default: return 0;
      }
    }
    return 0;
  }
  return 0;
}

static inline int64_t arg_i(const Value *args, int nargs, int i) {
  return i < nargs ? int_of(args[i]) : 0;
}

static inline int64_t sat_add(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? INT64_MAX : INT64_MIN;
  return r;
}

static pthread_once_t wall_once = PTHREAD_ONCE_INIT;
static int64_t wall_base;   /* biased wall time at sched_now() == 0 */

static void wall_init(void) {
  if (sched_is_deterministic()) {
    wall_base = 1257894000LL * NS_PER_SEC + TIME_BIAS;   /* the Go playground's epoch */
  } else {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    wall_base = (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec + TIME_BIAS - sched_now();
  }
  tzset();
}

static int64_t now_r(void) {
  pthread_once(&wall_once, wall_init);
  return wall_base + sched_now();
}

/* ====================================================================
** Duration
** ==================================================================== */

static int fmt_frac(char *buf, int w, uint64_t v, int prec, uint64_t *nv) {
  bool print = false;
  for (int i = 0; i < prec; i++) {
    int digit = (int)(v % 10);
    print = print || digit != 0;
    if (print) buf[--w] = (char)('0' + digit);
    v /= 10;
  }
  if (print) buf[--w] = '.';
  *nv = v;
  return w;
}

static int fmt_int(char *buf, int w, uint64_t v) {
  if (v == 0) {
    buf[--w] = '0';
  } else {
    while (v > 0) {
      buf[--w] = (char)('0' + v % 10);
      v /= 10;
    }
  }
  return w;
}

/* Go's Duration.String: "1h2m0.5s", "1.5s", "500ms", "1µs", "100ns", "0s". */
static Value dur_string_val(int64_t d) {
  char buf[32];
  int w = (int)sizeof buf;
  uint64_t u = (uint64_t)d;
  bool neg = d < 0;
  if (neg) u = -u;
  if (u < (uint64_t)NS_PER_SEC) {
    int prec;
    buf[--w] = 's';
    w--;
    if (u == 0) return str_val("0s");
    if (u < 1000) {
      prec = 0;
      buf[w] = 'n';
    } else if (u < 1000000) {
      prec = 3;
      w--;
      memcpy(&buf[w], "\xC2\xB5", 2);  /* µ */
    } else {
      prec = 6;
      buf[w] = 'm';
    }
    w = fmt_frac(buf, w, u, prec, &u);
    w = fmt_int(buf, w, u);
  } else {
    buf[--w] = 's';
    w = fmt_frac(buf, w, u, 9, &u);
    w = fmt_int(buf, w, u % 60);
    u /= 60;
    if (u > 0) {
      buf[--w] = 'm';
      w = fmt_int(buf, w, u % 60);
      u /= 60;
      if (u > 0) {
        buf[--w] = 'h';
        w = fmt_int(buf, w, u);
      }
    }
  }
  if (neg) buf[--w] = '-';
  return str_val_n(buf + w, (int64_t)sizeof buf - w);
}

static int d_string(Fiber *f, Value *a, int n, Value *r) {
  r[0] = dur_string_val(arg_i(a, n, 0));
  return 1;
}

static int d_seconds(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  r[0] = FLOAT_VAL((double)(d / NS_PER_SEC) + (double)(d % NS_PER_SEC) / 1e9);
  return 1;
}

static int d_minutes(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0), m = 60 * NS_PER_SEC;
  r[0] = FLOAT_VAL((double)(d / m) + (double)(d % m) / (60 * 1e9));
  return 1;
}

static int d_hours(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0), h = 3600 * NS_PER_SEC;
  r[0] = FLOAT_VAL((double)(d / h) + (double)(d % h) / (3600 * 1e9));
  return 1;
}

static int d_milliseconds(Fiber *f, Value *a, int n, Value *r) {
  Value v = INT_VAL(arg_i(a, n, 0) / 1000000);
  v.aux = TID_INT64;
  r[0] = v;
  return 1;
}

static int d_microseconds(Fiber *f, Value *a, int n, Value *r) {
  Value v = INT_VAL(arg_i(a, n, 0) / 1000);
  v.aux = TID_INT64;
  r[0] = v;
  return 1;
}

static int d_nanoseconds(Fiber *f, Value *a, int n, Value *r) {
  Value v = INT_VAL(arg_i(a, n, 0));
  v.aux = TID_INT64;
  r[0] = v;
  return 1;
}

static int d_truncate(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0), m = arg_i(a, n, 1);
  r[0] = dur_val(m <= 0 ? d : d - d % m);
  return 1;
}

static inline bool less_than_half(int64_t x, int64_t y) {
  return (uint64_t)x + (uint64_t)x < (uint64_t)y;
}

static int d_round(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0), m = arg_i(a, n, 1), res;
  if (m <= 0) {
    res = d;
  } else {
    int64_t rem = d % m;
    if (d < 0) {
      rem = -rem;
      if (less_than_half(rem, m)) res = d + rem;
      else {
        int64_t d1 = d - m + rem;
        res = d1 < d ? d1 : INT64_MIN;
      }
    } else if (less_than_half(rem, m)) {
      res = d - rem;
    } else {
      int64_t d1 = (int64_t)((uint64_t)d + (uint64_t)m - (uint64_t)rem);
      res = d1 > d ? d1 : INT64_MAX;
    }
  }
  r[0] = dur_val(res);
  return 1;
}

static int d_abs(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  r[0] = dur_val(d >= 0 ? d : d == INT64_MIN ? INT64_MAX : -d);
  return 1;
}

/* time.ParseDuration (Go's grammar: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+) */
static int t_parse_duration(Fiber *f, Value *a, int n, Value *r) {
  const char *s0 = n > 0 && a[0].kind == VAL_STR ? AS_STR(a[0])->data : "";
  int64_t len = n > 0 && a[0].kind == VAL_STR ? AS_STR(a[0])->len : 0;
  const char *s = s0, *end = s0 + len;
  char msg[256];
  bool neg = false;
  uint64_t total = 0;
  if (s < end && (*s == '-' || *s == '+')) neg = *s++ == '-';
  if (end - s == 1 && *s == '0') {
    r[0] = dur_val(0);
    r[1] = NIL_VAL;
    return 2;
  }
  if (s == end) goto invalid;
  while (s < end) {
    uint64_t v = 0, fr = 0;
    double scale = 1;
    bool pre = false, post = false, overflow = false;
    if (!(*s == '.' || (*s >= '0' && *s <= '9'))) goto invalid;
    while (s < end && *s >= '0' && *s <= '9') {
      if (v > (UINT64_C(1) << 63) / 10) overflow = true;
      v = v * 10 + (uint64_t)(*s - '0');
      if (v > (UINT64_C(1) << 63)) overflow = true;
      s++;
      pre = true;
    }
    if (overflow) goto invalid;
    if (s < end && *s == '.') {
      s++;
      while (s < end && *s >= '0' && *s <= '9') {
        if (scale < 1e18) {
          fr = fr * 10 + (uint64_t)(*s - '0');
          scale *= 10;
        }
        s++;
        post = true;
      }
    }
    if (!pre && !post) goto invalid;
    const char *u0 = s;
    while (s < end && *s != '.' && !(*s >= '0' && *s <= '9')) s++;
    if (s == u0) {
      snprintf(msg, sizeof msg, "time: missing unit in duration \"%.*s\"", (int)len, s0);
      goto fail;
    }
    size_t ul = (size_t)(s - u0);
    uint64_t unit = 0;
    if (ul == 2 && !memcmp(u0, "ns", 2)) unit = 1;
    else if ((ul == 2 && !memcmp(u0, "us", 2)) || (ul == 3 && !memcmp(u0, "\xC2\xB5s", 3)) ||
             (ul == 3 && !memcmp(u0, "\xCE\xBCs", 3))) unit = 1000;
    else if (ul == 2 && !memcmp(u0, "ms", 2)) unit = 1000000;
    else if (ul == 1 && *u0 == 's') unit = NS_PER_SEC;
    else if (ul == 1 && *u0 == 'm') unit = 60 * NS_PER_SEC;
    else if (ul == 1 && *u0 == 'h') unit = 3600 * NS_PER_SEC;
    if (!unit) {
      snprintf(msg, sizeof msg, "time: unknown unit \"%.*s\" in duration \"%.*s\"", (int)ul, u0,
               (int)len, s0);
      goto fail;
    }
    if (v > (UINT64_C(1) << 63) / unit) goto invalid;
    v *= unit;
    if (fr > 0) {
      v += (uint64_t)((double)fr * ((double)unit / scale));
      if (v > (UINT64_C(1) << 63)) goto invalid;
    }
    total += v;
    if (total > (UINT64_C(1) << 63)) goto invalid;
  }
  if (!neg && total > (uint64_t)INT64_MAX) goto invalid;
  r[0] = dur_val(neg ? (int64_t)(0 - total) : (int64_t)total);
  r[1] = NIL_VAL;
  return 2;
invalid:
  snprintf(msg, sizeof msg, "time: invalid duration \"%.*s\"", (int)len, s0);
fail:
  r[0] = dur_val(0);
  r[1] = api_error_new(msg, NIL_VAL);
  return 2;
}

/* ====================================================================
** Time
** ==================================================================== */

typedef struct Broken {
  struct tm tm;
  int64_t nsec;
  int64_t usec;     /* Unix seconds */
  const char *zone;
  long off;         /* seconds east of UTC */
} Broken;

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

static void breakdown(int64_t r, Broken *b) {
  memset(b, 0, sizeof *b);
  if (r == 0) {                 /* the zero Time: Monday, January 1, year 1, UTC */
    b->tm.tm_year = 1 - 1900;
    b->tm.tm_mday = 1;
    b->tm.tm_wday = 1;
    b->zone = "UTC";
    b->usec = ZERO_TIME_UNIX;
    return;
  }
  int64_t u = r - TIME_BIAS;
  int64_t sec = floor_div(u, NS_PER_SEC);
  b->nsec = u - sec * NS_PER_SEC;
  b->usec = sec;
  time_t t = (time_t)sec;
  pthread_once(&wall_once, wall_init);
  if (sched_is_deterministic()) gmtime_r(&t, &b->tm);
  else localtime_r(&t, &b->tm);
  b->zone = sched_is_deterministic() || !b->tm.tm_zone ? "UTC" : b->tm.tm_zone;
  b->off = b->tm.tm_gmtoff;
}

static const char *const month_names[] = {"January", "February", "March", "April", "May", "June",
                                          "July", "August", "September", "October", "November",
                                          "December"};
static const char *const day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", "Saturday"};

static void put_num(StrBuf *sb, int64_t v, int width, char pad) {
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "%lld", (long long)(v < 0 ? -v : v));
  if (v < 0) sb_putc(sb, '-');
  for (int i = n; i < width; i++) sb_putc(sb, pad);
  sb_putn(sb, tmp, (size_t)n);
}

static bool starts_lower(const char *s) { return *s >= 'a' && *s <= 'z'; }

/* Go's Time.Format layout chunks (nextStdChunk), a practical subset. */
static void format_time(StrBuf *sb, int64_t r, const char *lay, size_t llen) {
  Broken b;
  breakdown(r, &b);
  const struct tm *tm = &b.tm;
  int64_t year = (int64_t)tm->tm_year + 1900;
  int hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
  const char *p = lay, *end = lay + llen;
  while (p < end) {
    size_t rest = (size_t)(end - p);
#define AT(s) (rest >= sizeof(s) - 1 && memcmp(p, s, sizeof(s) - 1) == 0)
#define TAKE(s) (p += sizeof(s) - 1)
    if (AT("January")) { sb_puts(sb, month_names[tm->tm_mon]); TAKE("January"); continue; }
    if (AT("Jan") && !(rest > 3 && starts_lower(p + 3))) {
      sb_putn(sb, month_names[tm->tm_mon], 3); TAKE("Jan"); continue;
    }
    if (AT("Monday")) { sb_puts(sb, day_names[tm->tm_wday]); TAKE("Monday"); continue; }
    if (AT("Mon") && !(rest > 3 && starts_lower(p + 3))) {
      sb_putn(sb, day_names[tm->tm_wday], 3); TAKE("Mon"); continue;
    }
    if (AT("MST")) {
      if (b.zone && *b.zone) sb_puts(sb, b.zone);
      else { put_num(sb, b.off / 3600, 2, '0'); put_num(sb, (b.off % 3600) / 60, 2, '0'); }
      TAKE("MST"); continue;
    }
    if (AT("2006")) { put_num(sb, year, 4, '0'); TAKE("2006"); continue; }
    if (AT("002")) { put_num(sb, tm->tm_yday + 1, 3, '0'); TAKE("002"); continue; }
    if (AT("01")) { put_num(sb, tm->tm_mon + 1, 2, '0'); TAKE("01"); continue; }
    if (AT("02")) { put_num(sb, tm->tm_mday, 2, '0'); TAKE("02"); continue; }
    if (AT("03")) { put_num(sb, hour12, 2, '0'); TAKE("03"); continue; }
    if (AT("04")) { put_num(sb, tm->tm_min, 2, '0'); TAKE("04"); continue; }
    if (AT("05")) { put_num(sb, tm->tm_sec, 2, '0'); TAKE("05"); continue; }
    if (AT("06")) { put_num(sb, year % 100, 2, '0'); TAKE("06"); continue; }
    if (AT("15")) { put_num(sb, tm->tm_hour, 2, '0'); TAKE("15"); continue; }
    if (AT("__2")) { put_num(sb, tm->tm_yday + 1, 3, ' '); TAKE("__2"); continue; }
    if (AT("_2") && !AT("_2006")) { put_num(sb, tm->tm_mday, 2, ' '); TAKE("_2"); continue; }
    if (AT("1")) { put_num(sb, tm->tm_mon + 1, 1, '0'); TAKE("1"); continue; }
    if (AT("2")) { put_num(sb, tm->tm_mday, 1, '0'); TAKE("2"); continue; }
    if (AT("3")) { put_num(sb, hour12, 1, '0'); TAKE("3"); continue; }
    if (AT("4")) { put_num(sb, tm->tm_min, 1, '0'); TAKE("4"); continue; }
    if (AT("5")) { put_num(sb, tm->tm_sec, 1, '0'); TAKE("5"); continue; }
    if (AT("PM")) { sb_puts(sb, tm->tm_hour >= 12 ? "PM" : "AM"); TAKE("PM"); continue; }
    if (AT("pm")) { sb_puts(sb, tm->tm_hour >= 12 ? "pm" : "am"); TAKE("pm"); continue; }
    if (*p == '-' || *p == 'Z') {
      bool z = *p == 'Z';
      const char *q = p + 1;
      size_t qr = rest - 1;
      int kind = 0;   /* 1: -0700  2: -07:00  3: -07  4: -070000  5: -07:00:00 */
      if (qr >= 6 && !memcmp(q, "070000", 6)) kind = 4;
      else if (qr >= 8 && !memcmp(q, "07:00:00", 8)) kind = 5;
      else if (qr >= 4 && !memcmp(q, "0700", 4)) kind = 1;
      else if (qr >= 5 && !memcmp(q, "07:00", 5)) kind = 2;
      else if (qr >= 2 && !memcmp(q, "07", 2)) kind = 3;
      if (kind) {
        static const size_t lens[] = {0, 5, 6, 3, 7, 9};
        if (z && b.off == 0) {
          sb_putc(sb, 'Z');
        } else {
          long off = b.off;
          sb_putc(sb, off < 0 ? '-' : '+');
          if (off < 0) off = -off;
          put_num(sb, off / 3600, 2, '0');
          if (kind == 2 || kind == 5) sb_putc(sb, ':');
          if (kind != 3) put_num(sb, (off % 3600) / 60, 2, '0');
          if (kind == 5) sb_putc(sb, ':');
          if (kind >= 4) put_num(sb, off % 60, 2, '0');
        }
        p += lens[kind];
        continue;
      }
    }
    if ((*p == '.' || *p == ',') && rest > 1 && (p[1] == '0' || p[1] == '9')) {
      char digit = p[1];
      size_t k = 1;
      while (k < rest && p[k] == digit) k++;
      if (!(k < rest && p[k] >= '0' && p[k] <= '9')) {
        int ndig = (int)(k - 1);
        char frac[16];
        snprintf(frac, sizeof frac, "%09lld", (long long)b.nsec);
        if (ndig > 9) ndig = 9;
        if (digit == '0') {
          sb_putc(sb, *p);
          sb_putn(sb, frac, (size_t)ndig);
        } else {
          int last = ndig;
          while (last > 0 && frac[last - 1] == '0') last--;
          if (last > 0) {
            sb_putc(sb, *p);
            sb_putn(sb, frac, (size_t)last);
          }
        }
        p += k;
        continue;
      }
    }
    sb_putc(sb, *p++);
#undef AT
#undef TAKE
  }
}

static Value time_string_val(int64_t r) {
  StrBuf sb;
  sb_init(&sb);
  static const char lay[] = "2006-01-02 15:04:05.999999999 -0700 MST";
  format_time(&sb, r, lay, sizeof lay - 1);
  return str_val_n(sb_cstr(&sb), (int64_t)sb.len);
}

static int tm_string(Fiber *f, Value *a, int n, Value *r) {
  r[0] = time_string_val(arg_i(a, n, 0));
  return 1;
}

static int tm_format(Fiber *f, Value *a, int n, Value *r) {
  if (n < 2 || a[1].kind != VAL_STR) {
    r[0] = time_string_val(arg_i(a, n, 0));
    return 1;
  }
  StrBuf sb;
  sb_init(&sb);
  format_time(&sb, arg_i(a, n, 0), AS_STR(a[1])->data, (size_t)AS_STR(a[1])->len);
  r[0] = str_val_n(sb_cstr(&sb), (int64_t)sb.len);
  return 1;
}

static int tm_sub(Fiber *f, Value *a, int n, Value *r) {
  int64_t t = arg_i(a, n, 0), u = arg_i(a, n, 1), d;
  if (__builtin_sub_overflow(t, u, &d)) d = t > u ? INT64_MAX : INT64_MIN;
  r[0] = dur_val(d);
  return 1;
}

static int tm_add(Fiber *f, Value *a, int n, Value *r) {
  r[0] = time_val(sat_add(arg_i(a, n, 0), arg_i(a, n, 1)));
  return 1;
}

static int tm_before(Fiber *f, Value *a, int n, Value *r) {
  r[0] = BOOL_VAL(arg_i(a, n, 0) < arg_i(a, n, 1));
  return 1;
}

static int tm_after(Fiber *f, Value *a, int n, Value *r) {
  r[0] = BOOL_VAL(arg_i(a, n, 0) > arg_i(a, n, 1));
  return 1;
}

static int tm_equal(Fiber *f, Value *a, int n, Value *r) {
  r[0] = BOOL_VAL(arg_i(a, n, 0) == arg_i(a, n, 1));
  return 1;
}

static int tm_compare(Fiber *f, Value *a, int n, Value *r) {
  int64_t t = arg_i(a, n, 0), u = arg_i(a, n, 1);
  r[0] = INT_VAL(t < u ? -1 : t > u ? 1 : 0);
  return 1;
}

static int tm_iszero(Fiber *f, Value *a, int n, Value *r) {
  r[0] = BOOL_VAL(arg_i(a, n, 0) == 0);
  return 1;
}

static Value int64_val(int64_t x) {
  Value v = INT_VAL(x);
  v.aux = TID_INT64;
  return v;
}

static int tm_unix(Fiber *f, Value *a, int n, Value *r) {
  Broken b;
  breakdown(arg_i(a, n, 0), &b);
  r[0] = int64_val(b.usec);
  return 1;
}

static int tm_unixnano(Fiber *f, Value *a, int n, Value *r) {
  int64_t t = arg_i(a, n, 0);
  r[0] = int64_val(t == 0 ? INT64_MIN : t - TIME_BIAS);
  return 1;
}

static int tm_unixmilli(Fiber *f, Value *a, int n, Value *r) {
  int64_t t = arg_i(a, n, 0);
  r[0] = int64_val(t == 0 ? ZERO_TIME_UNIX * 1000 : floor_div(t - TIME_BIAS, 1000000));
  return 1;
}

static int tm_unixmicro(Fiber *f, Value *a, int n, Value *r) {
  int64_t t = arg_i(a, n, 0);
  r[0] = int64_val(t == 0 ? ZERO_TIME_UNIX * 1000000 : floor_div(t - TIME_BIAS, 1000));
  return 1;
}

#define TM_FIELD(NAME, EXPR)                                      \
  static int tm_##NAME(Fiber *f, Value *a, int n, Value *r) {     \
    Broken b;                                                     \
    breakdown(arg_i(a, n, 0), &b);                                \
    r[0] = INT_VAL(EXPR);                                         \
    return 1;                                                     \
  }
TM_FIELD(year, (int64_t)b.tm.tm_year + 1900)
TM_FIELD(day, b.tm.tm_mday)
TM_FIELD(hour, b.tm.tm_hour)
TM_FIELD(minute, b.tm.tm_min)
TM_FIELD(second, b.tm.tm_sec)
TM_FIELD(nanosecond, b.nsec)
TM_FIELD(yearday, b.tm.tm_yday + 1)

static int tm_month(Fiber *f, Value *a, int n, Value *r) {
  Broken b;
  breakdown(arg_i(a, n, 0), &b);
  Value v = INT_VAL(b.tm.tm_mon + 1);
  v.aux = month_type->id;
  r[0] = v;
  return 1;
}

static int tm_weekday(Fiber *f, Value *a, int n, Value *r) {
  Broken b;
  breakdown(arg_i(a, n, 0), &b);
  Value v = INT_VAL(b.tm.tm_wday);
  v.aux = weekday_type->id;
  r[0] = v;
  return 1;
}

static int month_string(Fiber *f, Value *a, int n, Value *r) {
  int64_t m = arg_i(a, n, 0);
  if (m >= 1 && m <= 12) {
    r[0] = str_val(month_names[m - 1]);
  } else {
    char buf[48];
    snprintf(buf, sizeof buf, "%%!Month(%lld)", (long long)m);
    r[0] = str_val(buf);
  }
  return 1;
}

static int weekday_string(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  if (d >= 0 && d <= 6) {
    r[0] = str_val(day_names[d]);
  } else {
    char buf[48];
    snprintf(buf, sizeof buf, "%%!Weekday(%lld)", (long long)d);
    r[0] = str_val(buf);
  }
  return 1;
}

/* ---- package functions ---- */

static int t_now(Fiber *f, Value *a, int n, Value *r) {
  r[0] = time_val(now_r());
  return 1;
}

static int t_since(Fiber *f, Value *a, int n, Value *r) {
  r[0] = dur_val(now_r() - arg_i(a, n, 0));
  return 1;
}

static int t_until(Fiber *f, Value *a, int n, Value *r) {
  r[0] = dur_val(arg_i(a, n, 0) - now_r());
  return 1;
}

static int t_unix(Fiber *f, Value *a, int n, Value *r) {
  int64_t sec = arg_i(a, n, 0), nsec = arg_i(a, n, 1);
  int64_t ns = sat_add(sec > INT64_MAX / NS_PER_SEC ? INT64_MAX
                       : sec < INT64_MIN / NS_PER_SEC ? INT64_MIN : sec * NS_PER_SEC, nsec);
  r[0] = time_val(sat_add(ns, TIME_BIAS));
  return 1;
}

static int t_unixmilli(Fiber *f, Value *a, int n, Value *r) {
  int64_t ms = arg_i(a, n, 0);
  r[0] = time_val(sat_add(ms > INT64_MAX / 1000000 ? INT64_MAX : ms < INT64_MIN / 1000000 ? INT64_MIN
                          : ms * 1000000, TIME_BIAS));
  return 1;
}

static int t_sleep(Fiber *f, Value *a, int n, Value *r) {
  if (f->resumed) {          /* the timer fired */
    f->resumed = 0;
    return 0;
  }
  int64_t d = arg_i(a, n, 0);
  if (d <= 0) return 0;
  sched_sleep_until(f, sat_add(sched_now(), d));
  return NATIVE_PARK;
}

/* ====================================================================
** Timer, Ticker, After, Tick, AfterFunc
** ==================================================================== */

typedef struct TimerState {
  Timer t;        /* first: the heap holds &t, a base pointer */
  Chan *c;        /* NewTimer/NewTicker/After/Tick */
  Value fn;       /* AfterFunc */
} TimerState;

static void *tstate_create(void) {
  TimerState *s = NEW(TimerState);
  s->t.heap_index = -1;
  return s;
}
static NativeClass tstate_class = {"time.runtimeTimer", NULL, tstate_create};

static void fire_chan(Timer *t, void *arg) {
  TimerState *s = arg;
  chan_try_send(s->c, time_val(now_r()));   /* buffer of 1: a slow reader misses ticks */
}

static void fire_func(Timer *t, void *arg) {
  TimerState *s = arg;
  Fiber *g = vm_new_fiber(s->fn, NULL, 0);
  if (!g) return;
  g->created_by = "time.goFunc";
  sched_spawn(g);
}

static Value new_timer_struct(Type *type, TimerState *s) {
  ObjStruct *st = struct_new(type);
  st->f[0] = s->c ? OBJ_VAL(VAL_CHAN, s->c) : (Value){.kind = VAL_CHAN};
  st->f[1] = obj_new(&tstate_class, s);
  return PTR_VAL(PTR_STRUCT, st, 0);
}

static TimerState *start_timer(int64_t d, int64_t period, bool with_chan, Value fn) {
  TimerState *s = tstate_create();
  if (with_chan) s->c = chan_new(time_type, 1);
  s->fn = fn;
  s->t.when = sat_add(sched_now(), d);
  s->t.period = period;
  s->t.fn = with_chan ? fire_chan : fire_func;
  s->t.arg = s;
  timer_start(&s->t);
  return s;
}

static int t_newtimer(Fiber *f, Value *a, int n, Value *r) {
  r[0] = new_timer_struct(timer_type, start_timer(arg_i(a, n, 0), 0, true, NIL_VAL));
  return 1;
}

static int t_after(Fiber *f, Value *a, int n, Value *r) {
  TimerState *s = start_timer(arg_i(a, n, 0), 0, true, NIL_VAL);
  r[0] = OBJ_VAL(VAL_CHAN, s->c);
  return 1;
}

static int t_afterfunc(Fiber *f, Value *a, int n, Value *r) {
  Value fn = n > 1 ? a[1] : NIL_VAL;
  r[0] = new_timer_struct(timer_type, start_timer(arg_i(a, n, 0), 0, false, fn));
  return 1;
}

static int t_newticker(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  if (d <= 0) {
    vm_panicf(f, "non-positive interval for NewTicker");
    return NATIVE_PANIC;
  }
  r[0] = new_timer_struct(ticker_type, start_timer(d, d, true, NIL_VAL));
  return 1;
}

static int t_tick(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  if (d <= 0) {
    r[0] = (Value){.kind = VAL_CHAN};
    return 1;
  }
  TimerState *s = start_timer(d, d, true, NIL_VAL);
  r[0] = OBJ_VAL(VAL_CHAN, s->c);
  return 1;
}

/* The TimerState behind a *Timer / *Ticker receiver. */
static TimerState *recv_timer(Fiber *f, Value v, const char *what) {
  ObjStruct *st = NULL;
  for (int depth = 0; depth < 4 && !st; depth++) {
    if (v.kind == VAL_STRUCT && v.as.p) st = v.as.p;
    else if (v.kind == VAL_CELL && v.as.p) v = ((Cell *)v.as.p)->v;
    else if (v.kind == VAL_PTR && v.as.p) {
      switch (v.pk) {
      case PTR_STRUCT: st = v.as.p; break;
      case PTR_CELL: v = ((Cell *)v.as.p)->v; break;
      case PTR_FIELD: v = ((ObjStruct *)v.as.p)->f[v.aux]; break;
      case PTR_ELEM: v = ((ObjArray *)v.as.p)->v[v.aux]; break;
      default: depth = 4; break;
      }
    } else break;
  }
  if (!st) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NULL;
  }
  Value h = st->n > 1 ? st->f[1] : NIL_VAL;
  ObjNativeObj *o = h.kind == VAL_OBJ ? h.as.p : NULL;
  TimerState *s = o && o->cls == &tstate_class ? o->data : NULL;
  if (!s || (!s->c && s->t.fn == NULL)) {
    vm_panicf(f, "time: %s called on uninitialized %s", what,
              strstr(what, "Ticker") ? "Ticker" : "Timer");
    return NULL;
  }
  return s;
}

static int timer_stop_m(Fiber *f, Value *a, int n, Value *r) {
  TimerState *s = recv_timer(f, a[0], "Stop");
  if (!s) return NATIVE_PANIC;
  r[0] = BOOL_VAL(timer_stop(&s->t));
  return 1;
}

static int timer_reset_m(Fiber *f, Value *a, int n, Value *r) {
  TimerState *s = recv_timer(f, a[0], "Reset");
  if (!s) return NATIVE_PANIC;
  bool active = timer_stop(&s->t);
  s->t.when = sat_add(sched_now(), arg_i(a, n, 1));
  s->t.period = 0;
  timer_start(&s->t);
  r[0] = BOOL_VAL(active);
  return 1;
}

static int ticker_stop_m(Fiber *f, Value *a, int n, Value *r) {
  TimerState *s = recv_timer(f, a[0], "Stop of Ticker");
  if (!s) return NATIVE_PANIC;
  timer_stop(&s->t);
  return 0;
}

static int ticker_reset_m(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 1);
  if (d <= 0) {
    vm_panicf(f, "non-positive interval for Ticker.Reset");
    return NATIVE_PANIC;
  }
  TimerState *s = recv_timer(f, a[0], "Reset of Ticker");
  if (!s) return NATIVE_PANIC;
  timer_stop(&s->t);
  s->t.when = sat_add(sched_now(), d);
  s->t.period = d;
  timer_start(&s->t);
  return 0;
}

/* ====================================================================
** registration
** ==================================================================== */

static void def_const_typed(const char *name, Type *t, int64_t x) {
  Value v = INT_VAL(x);
  v.aux = t->id;
  api_def_value("time", name, v);
}

void stdlib_open_time(void) {
  dur_type = type_named("time", "Duration", type_int64);
  api_def_type("time", "Duration", dur_type);
  api_def_method(dur_type, "String", d_string, -1, false);
  api_def_method(dur_type, "Seconds", d_seconds, -1, false);
  api_def_method(dur_type, "Minutes", d_minutes, -1, false);
  api_def_method(dur_type, "Hours", d_hours, -1, false);
  api_def_method(dur_type, "Milliseconds", d_milliseconds, -1, false);
  api_def_method(dur_type, "Microseconds", d_microseconds, -1, false);
  api_def_method(dur_type, "Nanoseconds", d_nanoseconds, -1, false);
  api_def_method(dur_type, "Truncate", d_truncate, -1, false);
  api_def_method(dur_type, "Round", d_round, -1, false);
  api_def_method(dur_type, "Abs", d_abs, -1, false);
  def_const_typed("Nanosecond", dur_type, 1);
  def_const_typed("Microsecond", dur_type, 1000);
  def_const_typed("Millisecond", dur_type, 1000000);
  def_const_typed("Second", dur_type, NS_PER_SEC);
  def_const_typed("Minute", dur_type, 60 * NS_PER_SEC);
  def_const_typed("Hour", dur_type, 3600 * NS_PER_SEC);
  api_def_func("time", "ParseDuration", t_parse_duration, 1);

  month_type = type_named("time", "Month", type_int);
  api_def_type("time", "Month", month_type);
  api_def_method(month_type, "String", month_string, -1, false);
  for (int i = 0; i < 12; i++) def_const_typed(month_names[i], month_type, i + 1);
  weekday_type = type_named("time", "Weekday", type_int);
  api_def_type("time", "Weekday", weekday_type);
  api_def_method(weekday_type, "String", weekday_string, -1, false);
  for (int i = 0; i < 7; i++) def_const_typed(day_names[i], weekday_type, i);

  time_type = type_named("time", "Time", type_int64);
  api_def_type("time", "Time", time_type);
  api_def_method(time_type, "String", tm_string, -1, false);
  api_def_method(time_type, "Format", tm_format, -1, false);
  api_def_method(time_type, "Sub", tm_sub, -1, false);
  api_def_method(time_type, "Add", tm_add, -1, false);
  api_def_method(time_type, "Before", tm_before, -1, false);
  api_def_method(time_type, "After", tm_after, -1, false);
  api_def_method(time_type, "Equal", tm_equal, -1, false);
  api_def_method(time_type, "Compare", tm_compare, -1, false);
  api_def_method(time_type, "IsZero", tm_iszero, -1, false);
  api_def_method(time_type, "Unix", tm_unix, -1, false);
  api_def_method(time_type, "UnixNano", tm_unixnano, -1, false);
  api_def_method(time_type, "UnixMilli", tm_unixmilli, -1, false);
  api_def_method(time_type, "UnixMicro", tm_unixmicro, -1, false);
  api_def_method(time_type, "Year", tm_year, -1, false);
  api_def_method(time_type, "Month", tm_month, -1, false);
  api_def_method(time_type, "Day", tm_day, -1, false);
  api_def_method(time_type, "Hour", tm_hour, -1, false);
  api_def_method(time_type, "Minute", tm_minute, -1, false);
  api_def_method(time_type, "Second", tm_second, -1, false);
  api_def_method(time_type, "Nanosecond", tm_nanosecond, -1, false);
  api_def_method(time_type, "YearDay", tm_yearday, -1, false);
  api_def_method(time_type, "Weekday", tm_weekday, -1, false);

  api_def_func("time", "Now", t_now, 0);
  api_def_func("time", "Since", t_since, 1);
  api_def_func("time", "Until", t_until, 1);
  api_def_func("time", "Unix", t_unix, 2);
  api_def_func("time", "UnixMilli", t_unixmilli, 1);
  api_def_func("time", "Sleep", t_sleep, 1);

  static const struct { const char *name, *layout; } layouts[] = {
    {"Layout", "01/02 03:04:05PM '06 -0700"},
    {"ANSIC", "Mon Jan _2 15:04:05 2006"},
    {"UnixDate", "Mon Jan _2 15:04:05 MST 2006"},
    {"RubyDate", "Mon Jan 02 15:04:05 -0700 2006"},
    {"RFC822", "02 Jan 06 15:04 MST"},
    {"RFC822Z", "02 Jan 06 15:04 -0700"},
    {"RFC850", "Monday, 02-Jan-06 15:04:05 MST"},
    {"RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"},
    {"RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"},
    {"RFC3339", "2006-01-02T15:04:05Z07:00"},
    {"RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"},
    {"Kitchen", "3:04PM"},
    {"Stamp", "Jan _2 15:04:05"},
    {"StampMilli", "Jan _2 15:04:05.000"},
    {"StampMicro", "Jan _2 15:04:05.000000"},
    {"StampNano", "Jan _2 15:04:05.000000000"},
    {"DateTime", "2006-01-02 15:04:05"},
    {"DateOnly", "2006-01-02"},
    {"TimeOnly", "15:04:05"},
  };
  for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
    api_def_const("time", layouts[i].name, str_val(layouts[i].layout));

  tstate_type = type_native("time", "runtimeTimer", &tstate_class);
  tstate_class.type = tstate_type;
  chan_time_type = type_chan(time_type, 2);
  Field fields[2] = {
    {.name = "C", .type = chan_time_type},
    {.name = "r", .type = tstate_type},
  };
  Type *st = type_struct(fields, 2);
  timer_type = type_named("time", "Timer", st);
  api_def_type("time", "Timer", timer_type);
  api_def_method(timer_type, "Stop", timer_stop_m, -1, true);
  api_def_method(timer_type, "Reset", timer_reset_m, -1, true);
  ticker_type = type_named("time", "Ticker", st);
  api_def_type("time", "Ticker", ticker_type);
  api_def_method(ticker_type, "Stop", ticker_stop_m, -1, true);
  api_def_method(ticker_type, "Reset", ticker_reset_m, -1, true);

  api_def_func("time", "NewTimer", t_newtimer, 1);
  api_def_func("time", "After", t_after, 1);
  api_def_func("time", "AfterFunc", t_afterfunc, 2);
  api_def_func("time", "NewTicker", t_newticker, 1);
  api_def_func("time", "Tick", t_tick, 1);
}
