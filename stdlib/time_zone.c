/*
** time_zone.c -- time.Location for stdlib/time.c: the table of locations
** that a Time's location code indexes, FixedZone, LoadLocation and
** LoadLocationFromTZData (TZif files read as Go reads them: the transitions,
** then the POSIX TZ rule of the footer for later times), and the zone
** lookups time.c converts and formats with (Go's Location.lookup and
** lookupName).
**
** Codes: 0 UTC, 1 Local, 2..65535 further table entries. Go's == on Times
** compares *Location pointers, so every FixedZone, LoadLocation and
** LoadLocationFromTZData call, and every fixed zone time.Parse makes, gets
** a fresh code, as Go allocates a fresh Location. After LOC_FRESH codes, a
** location equal to an earlier one (same kind, name, offset and zone data)
** reuses that code, and the last 8192 codes go to distinct ones only; past
** those, FixedZone and LoadLocation panic and Parse uses UTC.
**
** Local is read as Go reads it ($TZ, else /etc/localtime), and is UTC in
** deterministic mode (--seed).
**
** Lock rule: tab_lock guards appending to the table, the hash chains and the
** zone-file cache. Readers look entries up without it: an entry is complete
** before its pointer is published (release store, acquire loads) and never
** changes afterwards.
*/
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/type.h"
#include "vm/vm.h"

/* ---- vm/sched.c ---- */
bool sched_is_deterministic(void);
/* ---- stdlib/time.c: proleptic Gregorian calendar ---- */
int64_t time_days_from_civil(int64_t y, int64_t m, int64_t d);
void time_civil_from_days(int64_t z, int64_t *y, int *m, int *d);

#define ALPHA INT64_MIN            /* Go's alpha and omega: the ends of time */
#define OMEGA INT64_MAX
#define LOC_MAX 65536              /* codes fit a Value's 16-bit pad */
#define LOC_FRESH (LOC_MAX - 8192) /* codes given out before equal locations share */
#define CHUNK 256
#define NHASH 512
#define MAX_FILE_SIZE (10 << 20)   /* Go's maxFileSize */

enum { LOC_UTC = 0, LOC_LOCAL = 1 };
enum { LK_UTC, LK_LOCAL, LK_FIXED, LK_FILE };

static const char bad_data[] = "malformed time zone information";

/* ====================================================================
** zone data
** ==================================================================== */

typedef struct TzZone {
  const char *name;     /* abbreviation: "CET" */
  long offset;          /* seconds east of UTC */
  bool dst;
} TzZone;

typedef struct TzTrans {
  int64_t when;         /* Unix seconds */
  int index;            /* into zones */
} TzTrans;

/* A POSIX TZ rule: 'J' (Julian day 1..365, no Feb 29), 'D' (day 0..365)
** or 'M' (month.week.weekday), taking effect at time seconds local. */
typedef struct TzRule {
  char kind;
  int day, week, mon;
  long time;
} TzRule;

/* The footer of a TZif file, e.g. "CET-1CEST,M3.5.0,M10.5.0/3", parsed
** once. ok is false when there is none or Go would not accept it. */
typedef struct TzExtend {
  bool ok, has_dst;
  const char *std_name, *dst_name;
  long std_off, dst_off;          /* seconds east of UTC */
  TzRule start, end;
} TzExtend;

typedef struct TzData {
  TzZone *zones;
  int nzones;
  TzTrans *tx;          /* at least one: a file without any gets one at ALPHA */
  int ntx;
  TzExtend ext;
  /* Go's one-zone cache, filled for the time of loading: it answers the
  ** lookups in [cache_start, cache_end). Only for transitions out of order
  ** (a damaged file) does it differ from a search, as it does in Go. */
  bool cached;
  int64_t cache_start, cache_end;
  TzZone cache;
} TzData;

/* One location. Immutable once published. */
typedef struct TimeLoc {
  int kind;
  const char *name;     /* String(); a fixed zone's abbreviation too */
  long offset;          /* LK_FIXED */
  TzData *tz;           /* LK_FILE */
  Value obj;            /* its *time.Location */
  int hnext;            /* next code on the same hash chain, or -1 */
} TimeLoc;

/* The *time.Location objects hold their code. */
typedef struct Loc { int code; } Loc;
static NativeClass loc_class = {"*time.Location", NULL, NULL, NULL};

static TimeLoc **loc_chunks[LOC_MAX / CHUNK];   /* static: a GC root */
static int loc_count;                             /* codes handed out */
static int hash_head[NHASH];                      /* newest code + 1 per chain; 0: none */
static pthread_mutex_t tab_lock = PTHREAD_MUTEX_INITIALIZER;

/* The cache of zone files read by LoadLocation, by name (under tab_lock). */
typedef struct TzCached {
  const char *name;
  TzData *tz;
  struct TzCached *next;
} TzCached;
static TzCached *tz_cache;

static char *str_copy(const char *s, size_t n) {
  char *c = GC_MALLOC_ATOMIC(n + 1);
  memcpy(c, s, n);
  c[n] = '\0';
  return c;
}

static inline int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

static bool is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

static int days_in(int m, int64_t y) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* ====================================================================
** the location table
** ==================================================================== */

static TimeLoc *loc_get(int code) {
  if (code < 0 || code >= LOC_MAX) return NULL;
  TimeLoc **chunk = __atomic_load_n(&loc_chunks[code / CHUNK], __ATOMIC_ACQUIRE);
  return chunk ? __atomic_load_n(&chunk[code % CHUNK], __ATOMIC_ACQUIRE) : NULL;
}

static unsigned loc_hash(const TimeLoc *l) {
  uint32_t h = 2166136261u ^ (uint32_t)l->kind;
  for (const char *s = l->name; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  h = (h ^ (uint32_t)l->offset) * 16777619u;
  return h % NHASH;
}

static bool loc_same(const TimeLoc *a, const TimeLoc *b) {
  return a->kind == b->kind && a->offset == b->offset && a->tz == b->tz &&
         strcmp(a->name, b->name) == 0;
}

/* Give l a fresh code (and its *Location object). Once LOC_FRESH codes are
** used, a location equal to an earlier one gets that one's code instead, and
** only distinct ones take the codes left. -1: none left. */
static int loc_add(TimeLoc *l) {
  unsigned h = loc_hash(l);
  int code = -1;
  pthread_mutex_lock(&tab_lock);
  if (loc_count >= LOC_FRESH)
    for (int c = hash_head[h] - 1; c >= 0; c = loc_get(c)->hnext)
      if (loc_same(loc_get(c), l)) {
        code = c;
        break;
      }
  if (code < 0 && loc_count < LOC_MAX) {
    code = loc_count++;
    TimeLoc **chunk = loc_chunks[code / CHUNK];
    if (!chunk) {
      chunk = NEW_ARRAY(TimeLoc *, CHUNK);
      __atomic_store_n(&loc_chunks[code / CHUNK], chunk, __ATOMIC_RELEASE);
    }
    Loc *o = NEW(Loc);
    o->code = code;
    l->obj = obj_new(&loc_class, o);
    l->hnext = hash_head[h] - 1;
    hash_head[h] = code + 1;
    __atomic_store_n(&chunk[code % CHUNK], l, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&tab_lock);
  return code;
}

static int loc_new(int kind, const char *name, size_t n, long offset, TzData *tz) {
  TimeLoc *l = NEW(TimeLoc);
  l->kind = kind;
  l->name = str_copy(name, n);
  l->offset = offset;
  l->tz = tz;
  return loc_add(l);
}

/* A new fixed zone (FixedZone, time.Parse): its code, or -1 (table full). */
int tz_fixed(const char *name, size_t n, long offset) {
  return loc_new(LK_FIXED, name, n, offset, NULL);
}

/* The *time.Location of a code. */
Value tz_location(int code) {
  TimeLoc *l = loc_get(code);
  return l ? l->obj : loc_get(LOC_UTC)->obj;
}

/* The code of a *time.Location value; -1 for nil or not a Location. A
** zero Location (new(time.Location)) is taken as UTC. */
int tz_code_of(Value v) {
  for (int d = 0; d < 3 && (v.kind == VAL_CELL || v.kind == VAL_PTR) && v.as.p; d++) {
    if (v.kind == VAL_CELL || v.pk == PTR_CELL) v = ((Cell *)v.as.p)->v;   /* a method's receiver */
    else if (v.pk == PTR_FIELD) v = ((ObjStruct *)v.as.p)->f[v.aux];
    else if (v.pk == PTR_ELEM) v = ((ObjArray *)v.as.p)->v[v.aux];
    else break;
  }
  if (v.kind == VAL_OBJ && v.as.p && ((ObjNativeObj *)v.as.p)->cls == &loc_class) {
    Loc *l = ((ObjNativeObj *)v.as.p)->data;
    return l ? l->code : LOC_UTC;
  }
  return -1;
}

/* ====================================================================
** POSIX TZ strings (Go's tzset, tzsetName, tzsetOffset, tzsetRule)
** ==================================================================== */

/* A number in [min, max] at *s; advances *s. */
static bool tzs_num(const char **s, const char *end, int min, int max, int *out) {
  const char *p = *s;
  int num = 0;
  if (p == end) return false;
  while (p < end && *p >= '0' && *p <= '9') {
    num = num * 10 + (*p - '0');
    if (num > max) return false;
    p++;
  }
  if (p == *s || num < min) return false;
  *s = p;
  *out = num;
  return true;
}

/* [+-]hh[:mm[:ss]] in seconds (hours up to 24*7, as tzcode allows). */
static bool tzs_offset(const char **s, const char *end, long *out) {
  const char *p = *s;
  bool neg = false;
  int h, m, sec;
  if (p == end) return false;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if (!tzs_num(&p, end, 0, 24 * 7, &h)) return false;
  long off = h * 3600L;
  if (p < end && *p == ':') {
    p++;
    if (!tzs_num(&p, end, 0, 59, &m)) return false;
    off += m * 60L;
    if (p < end && *p == ':') {
      p++;
      if (!tzs_num(&p, end, 0, 59, &sec)) return false;
      off += sec;
    }
  }
  *s = p;
  *out = neg ? -off : off;
  return true;
}

/* A zone name: <anything> or at least 3 characters up to a digit, ',', '-' or '+'. */
static bool tzs_name(const char **s, const char *end, const char **name) {
  const char *p = *s;
  if (p == end) return false;
  if (*p == '<') {
    const char *q = memchr(p, '>', (size_t)(end - p));
    if (!q) return false;
    *name = str_copy(p + 1, (size_t)(q - p - 1));
    *s = q + 1;
    return true;
  }
  const char *q = p;
  while (q < end && !(*q >= '0' && *q <= '9') && *q != ',' && *q != '-' && *q != '+') q++;
  if (q - p < 3) return false;
  *name = str_copy(p, (size_t)(q - p));
  *s = q;
  return true;
}

static bool tzs_rule(const char **s, const char *end, TzRule *r) {
  const char *p = *s;
  memset(r, 0, sizeof *r);
  if (p == end) return false;
  if (*p == 'J') {
    p++;
    r->kind = 'J';
    if (!tzs_num(&p, end, 1, 365, &r->day)) return false;
  } else if (*p == 'M') {
    p++;
    r->kind = 'M';
    if (!tzs_num(&p, end, 1, 12, &r->mon) || p == end || *p++ != '.') return false;
    if (!tzs_num(&p, end, 1, 5, &r->week) || p == end || *p++ != '.') return false;
    if (!tzs_num(&p, end, 0, 6, &r->day)) return false;
  } else {
    r->kind = 'D';
    if (!tzs_num(&p, end, 0, 365, &r->day)) return false;
  }
  r->time = 2 * 3600;   /* 2am is the default */
  if (p < end && *p == '/') {
    p++;
    if (!tzs_offset(&p, end, &r->time)) return false;
  }
  *s = p;
  return true;
}

static void tzs_parse(const char *s, size_t n, TzExtend *e) {
  const char *end = s + n;
  memset(e, 0, sizeof *e);
  if (!tzs_name(&s, end, &e->std_name) || !tzs_offset(&s, end, &e->std_off)) return;
  e->std_off = -e->std_off;   /* TZ offsets are west of UTC */
  if (s == end || *s == ',') {
    e->ok = true;
    return;
  }
  if (!tzs_name(&s, end, &e->dst_name)) return;
  if (s == end || *s == ',') {
    e->dst_off = e->std_off + 3600;
  } else {
    if (!tzs_offset(&s, end, &e->dst_off)) return;
    e->dst_off = -e->dst_off;
  }
  static const char def_rules[] = ",M3.2.0,M11.1.0";   /* tzcode's default */
  if (s == end) {
    s = def_rules;
    end = def_rules + sizeof def_rules - 1;
  }
  if (*s != ',' && *s != ';') return;
  s++;
  if (!tzs_rule(&s, end, &e->start) || s == end || *s++ != ',') return;
  if (!tzs_rule(&s, end, &e->end) || s != end) return;
  e->has_dst = e->ok = true;
}

/* Seconds from the start of year when rule r takes effect (Go's tzruleTime). */
static int64_t rule_time(int64_t year, const TzRule *r, long off) {
  static const int days_before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  int64_t s = 0;
  if (r->kind == 'J') {
    s = (int64_t)(r->day - 1) * 86400;
    if (is_leap(year) && r->day >= 60) s += 86400;
  } else if (r->kind == 'D') {
    s = (int64_t)r->day * 86400;
  } else {
    /* Zeller's congruence: the weekday of the first of the month */
    int64_t m1 = (r->mon + 9) % 12 + 1;
    int64_t yy0 = r->mon <= 2 ? year - 1 : year;
    int64_t yy1 = yy0 / 100, yy2 = yy0 % 100;
    int64_t dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7;
    if (dow < 0) dow += 7;
    int64_t d = r->day - dow;
    if (d < 0) d += 7;
    for (int i = 1; i < r->week; i++) {
      if (d + 7 >= days_in(r->mon, year)) break;
      d += 7;
    }
    d += days_before[r->mon - 1];
    if (is_leap(year) && r->mon > 2) d++;
    s = d * 86400;
  }
  return s + r->time - off;
}

/* The zone at sec by the footer rule (Go's tzset); last_tx is the last
** transition. start/end are exact near a DST change, otherwise the year's. */
static bool ext_lookup(const TzExtend *e, int64_t last_tx, int64_t sec, const char **name,
                       long *off, int64_t *start, int64_t *end, bool *dst) {
  if (!e->ok) return false;
  if (!e->has_dst) {
    *name = e->std_name;
    *off = e->std_off;
    *start = last_tx;
    *end = OMEGA;
    *dst = false;
    return true;
  }
  int64_t days = floor_div(sec, 86400), year;
  int m, d;
  time_civil_from_days(days, &year, &m, &d);
  int64_t jan1 = time_days_from_civil(year, 1, 1);
  int64_t ysec = (days - jan1) * 86400 + sec % 86400;   /* Go's truncating % */
  int64_t abs = jan1 * 86400;
  int64_t s0 = rule_time(year, &e->start, e->std_off), s1 = rule_time(year, &e->end, e->dst_off);
  const char *std_name = e->std_name, *dst_name = e->dst_name;
  long std_off = e->std_off, dst_off = e->dst_off;
  bool std_dst = false, dst_dst = true;
  if (s1 < s0) {   /* southern hemisphere: the labels flip, as in Go */
    int64_t t = s0; s0 = s1; s1 = t;
    const char *n = std_name; std_name = dst_name; dst_name = n;
    long o = std_off; std_off = dst_off; dst_off = o;
    std_dst = true;
    dst_dst = false;
  }
  if (ysec < s0) {
    *name = std_name; *off = std_off; *start = abs; *end = s0 + abs; *dst = std_dst;
  } else if (ysec >= s1) {
    *name = std_name; *off = std_off; *start = s1 + abs; *end = abs + 365 * 86400; *dst = std_dst;
  } else {
    *name = dst_name; *off = dst_off; *start = s0 + abs; *end = s1 + abs; *dst = dst_dst;
  }
  return true;
}

/* ====================================================================
** TZif files (Go's LoadLocationFromTZData)
** ==================================================================== */

typedef struct Rd {
  const unsigned char *p;
  size_t n;
  bool err;
} Rd;

static const unsigned char *rd(Rd *d, size_t n) {
  if (d->n < n) {
    d->n = 0;
    d->err = true;
    return NULL;
  }
  const unsigned char *p = d->p;
  d->p += n;
  d->n -= n;
  return p;
}

static uint32_t rd4(Rd *d) {
  const unsigned char *p = rd(d, 4);
  return p ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3] : 0;
}

/* The zone data of a TZif file, or NULL (malformed). */
static TzData *tzif_parse(const unsigned char *data, size_t len) {
  enum { N_UTCLOCAL, N_STDWALL, N_LEAP, N_TIME, N_ZONE, N_CHAR };
  Rd d = {data, len, false};
  const unsigned char *p = rd(&d, 4);
  if (!p || memcmp(p, "TZif", 4) != 0) return NULL;
  p = rd(&d, 16);
  if (!p || (p[0] != 0 && p[0] != '2' && p[0] != '3')) return NULL;
  bool is64 = p[0] != 0;
  size_t n[6];
  for (int i = 0; i < 6; i++) n[i] = rd4(&d);
  if (d.err) return NULL;
  if (is64) {   /* skip the 32-bit data and the second header: use the 64-bit data */
    rd(&d, n[N_TIME] * 5 + n[N_ZONE] * 6 + n[N_CHAR] + n[N_LEAP] * 8 + n[N_STDWALL] +
               n[N_UTCLOCAL] + 4 + 16);
    for (int i = 0; i < 6; i++) n[i] = rd4(&d);
    if (d.err) return NULL;
  }
  size_t size = is64 ? 8 : 4;
  Rd times = {rd(&d, n[N_TIME] * size), n[N_TIME] * size, false};
  const unsigned char *tzones = rd(&d, n[N_TIME]);
  Rd zdata = {rd(&d, n[N_ZONE] * 6), n[N_ZONE] * 6, false};
  const unsigned char *abbrev = rd(&d, n[N_CHAR]);
  rd(&d, n[N_LEAP] * (size + 4));
  rd(&d, n[N_STDWALL]);
  rd(&d, n[N_UTCLOCAL]);
  if (d.err || n[N_ZONE] == 0) return NULL;

  TzData *z = NEW(TzData);
  z->nzones = (int)n[N_ZONE];
  z->zones = NEW_ARRAY(TzZone, z->nzones);
  for (int i = 0; i < z->nzones; i++) {
    z->zones[i].offset = (int32_t)rd4(&zdata);
    const unsigned char *b = rd(&zdata, 2);
    if (!b || b[1] >= n[N_CHAR]) return NULL;
    z->zones[i].dst = b[0] != 0;
    const char *a = (const char *)abbrev + b[1];
    const char *nul = memchr(a, 0, n[N_CHAR] - b[1]);
    z->zones[i].name = str_copy(a, nul ? (size_t)(nul - a) : n[N_CHAR] - b[1]);
  }
  z->ntx = n[N_TIME] ? (int)n[N_TIME] : 1;
  z->tx = GC_MALLOC_ATOMIC(sizeof(TzTrans) * (size_t)z->ntx);
  if (n[N_TIME] == 0) {   /* a fixed zone like Etc/GMT+5: one transition covers all time */
    z->tx[0].when = ALPHA;
    z->tx[0].index = 0;
  }
  for (size_t i = 0; i < n[N_TIME]; i++) {
    int64_t w = is64 ? (int64_t)((uint64_t)rd4(&times) << 32 | rd4(&times)) : (int32_t)rd4(&times);
    if (tzones[i] >= n[N_ZONE]) return NULL;
    z->tx[i].when = w;
    z->tx[i].index = tzones[i];
  }
  /* the footer: "\nTZ-string\n" */
  if (d.n > 2 && d.p[0] == '\n' && d.p[d.n - 1] == '\n')
    tzs_parse((const char *)d.p + 1, d.n - 2, &z->ext);
  int64_t now = sched_is_deterministic() ? 1257894000 : (int64_t)time(NULL);
  for (int i = 0; i < z->ntx; i++) {
    if (z->tx[i].when <= now && (i + 1 == z->ntx || now < z->tx[i + 1].when)) {
      z->cached = true;
      z->cache = z->zones[z->tx[i].index];
      z->cache_start = z->tx[i].when;
      z->cache_end = i + 1 < z->ntx ? z->tx[i + 1].when : OMEGA;
      if (i + 1 == z->ntx)
        ext_lookup(&z->ext, z->cache_start, now, &z->cache.name, &z->cache.offset,
                   &z->cache_start, &z->cache_end, &z->cache.dst);
      break;
    }
  }
  return z;
}

/* Go's lookupFirstZone: the zone before the first transition. */
static int first_zone(const TzData *z) {
  bool used = false;
  for (int i = 0; i < z->ntx; i++) used |= z->tx[i].index == 0;
  if (!used) return 0;
  if (z->zones[z->tx[0].index].dst)
    for (int i = z->tx[0].index - 1; i >= 0; i--)
      if (!z->zones[i].dst) return i;
  for (int i = 0; i < z->nzones; i++)
    if (!z->zones[i].dst) return i;
  return 0;
}

static long file_lookup(const TzData *z, int64_t sec, const char **name, int64_t *start,
                        int64_t *end, bool *dst) {
  if (z->cached && z->cache_start <= sec && sec < z->cache_end) {
    *name = z->cache.name;
    *start = z->cache_start;
    *end = z->cache_end;
    *dst = z->cache.dst;
    return z->cache.offset;
  }
  if (sec < z->tx[0].when) {
    const TzZone *zn = &z->zones[first_zone(z)];
    *name = zn->name;
    *start = ALPHA;
    *end = z->tx[0].when;
    *dst = zn->dst;
    return zn->offset;
  }
  int lo = 0, hi = z->ntx;   /* the last transition at or before sec */
  *end = OMEGA;
  while (hi - lo > 1) {
    int m = lo + (hi - lo) / 2;
    if (sec < z->tx[m].when) {
      *end = z->tx[m].when;
      hi = m;
    } else {
      lo = m;
    }
  }
  const TzZone *zn = &z->zones[z->tx[lo].index];
  long off = zn->offset;
  *name = zn->name;
  *start = z->tx[lo].when;
  *dst = zn->dst;
  if (lo == z->ntx - 1) ext_lookup(&z->ext, *start, sec, name, &off, start, end, dst);
  return off;
}

/* ====================================================================
** lookups
** ==================================================================== */

/* Local, as Go sets it up: $TZ unset: /etc/localtime; TZ="": UTC; TZ="foo"
** or ":foo": zoneinfo file foo (a path if it starts with '/'); UTC when
** that fails. UTC in deterministic mode. */
static pthread_once_t local_once = PTHREAD_ONCE_INIT;
static TzData *local_tz;             /* NULL: UTC */
static const char *local_name;       /* Local's String() outside deterministic mode */

static TzData *load_from(const char *dir, const char *name, Value *err);
static const char *const zone_dirs[] = {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/",
                                        "/usr/lib/locale/TZ/"};

static void local_init(void) {
  const char *tz = getenv("TZ");
  Value err = NIL_VAL;
  local_name = "Local";
  if (!tz) {
    local_tz = load_from("/etc", "localtime", &err);
  } else {
    if (*tz == ':') tz++;
    if (*tz == '/') {
      local_tz = load_from("", tz, &err);
      if (strcmp(tz, "/etc/localtime") != 0) local_name = tz;
    } else if (*tz && strcmp(tz, "UTC") != 0) {
      for (size_t i = 0; !local_tz && i < sizeof zone_dirs / sizeof zone_dirs[0]; i++)
        local_tz = load_from(zone_dirs[i], tz, &err);
      local_name = tz;
    }
  }
  if (!local_tz) local_name = "UTC";
}

static TzData *local_data(void) {
  if (sched_is_deterministic()) return NULL;
  pthread_once(&local_once, local_init);
  return local_tz;
}

/* The zone data of a location; NULL for UTC, a fixed zone, UTC as Local. */
static TzData *loc_data(const TimeLoc *l) {
  if (!l) return NULL;
  return l->kind == LK_FILE ? l->tz : l->kind == LK_LOCAL ? local_data() : NULL;
}

/* The zone of location code at Unix second sec: its offset east of UTC, with
** its name, whether it is DST and the seconds [start, end) it holds for (any
** of them may be NULL). */
long tz_lookup(int code, int64_t sec, const char **name, int64_t *start, int64_t *end, bool *dst) {
  const char *nm = "UTC";
  int64_t s = ALPHA, e = OMEGA;
  bool d = false;
  long off = 0;
  TimeLoc *l = loc_get(code);
  TzData *z = loc_data(l);
  if (z) {
    off = file_lookup(z, sec, &nm, &s, &e, &d);
  } else if (l && l->kind == LK_FIXED) {
    nm = l->name;
    off = l->offset;
  }
  if (name) *name = nm;
  if (start) *start = s;
  if (end) *end = e;
  if (dst) *dst = d;
  return off;
}

/* Go's lookupName: the offset of the zone called name in location code
** at the wall clock read as UTC (a pseudo-Unix time). */
bool tz_lookup_name(int code, const char *name, size_t n, int64_t wall, long *offset) {
  TimeLoc *l = loc_get(code);
  if (l && l->kind == LK_FIXED) {
    if (strlen(l->name) != n || memcmp(l->name, name, n) != 0) return false;
    *offset = l->offset;
    return true;
  }
  const TzData *z = loc_data(l);
  if (!z) return false;   /* UTC lists no zones */
  /* a zone of that name in effect then; else any zone of that name */
  for (int i = 0; i < z->nzones; i++) {
    const TzZone *zn = &z->zones[i];
    const char *nm;
    if (strlen(zn->name) != n || memcmp(zn->name, name, n) != 0) continue;
    long off = tz_lookup(code, wall - zn->offset, &nm, NULL, NULL, NULL);
    if (strcmp(nm, zn->name) == 0) {
      *offset = off;
      return true;
    }
  }
  for (int i = 0; i < z->nzones; i++)
    if (strlen(z->zones[i].name) == n && memcmp(z->zones[i].name, name, n) == 0) {
      *offset = z->zones[i].offset;
      return true;
    }
  return false;
}

/* ====================================================================
** package functions
** ==================================================================== */

static const char *str_arg(const Value *a, int n, int i, size_t *len) {
  if (i < n && a[i].kind == VAL_STR) {
    *len = (size_t)AS_STR(a[i])->len;
    return AS_STR(a[i])->data;
  }
  *len = 0;
  return "";
}

static Value nil_location(void) { return type_zero(loc_class.type); }

static int too_many(Fiber *f) {
  vm_panicf(f, "time: too many distinct Locations (csp keeps %d)", LOC_MAX - 2);
  return NATIVE_PANIC;
}

/* FixedZone(name string, offset int) *Location */
static int t_fixed_zone(Fiber *f, Value *a, int n, Value *r) {
  size_t len;
  const char *name = str_arg(a, n, 0, &len);
  int code = tz_fixed(name, len, n > 1 && a[1].kind == VAL_INT ? (long)a[1].as.i : 0);
  if (code < 0) return too_many(f);
  r[0] = tz_location(code);
  return 1;
}

/* Read a whole file: 0, or an errno; *size_err when over Go's limit. */
static int read_file(const char *path, unsigned char **data, size_t *len, bool *size_err) {
  *size_err = false;
  *data = NULL;
  *len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  size_t cap = 4096, n = 0;
  unsigned char *buf = GC_MALLOC_ATOMIC(cap);
  int err = 0;
  for (;;) {
    if (n == cap) {
      unsigned char *nb = GC_MALLOC_ATOMIC(cap * 2);
      memcpy(nb, buf, n);
      buf = nb;
      cap *= 2;
    }
    ssize_t k = read(fd, buf + n, cap - n);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) {
      err = errno;
      break;
    }
    if (k == 0) break;
    n += (size_t)k;
    if (n > MAX_FILE_SIZE) {
      *size_err = true;
      break;
    }
  }
  close(fd);
  *data = buf;
  *len = n;
  return err;
}

/* Go's text for an errno (syscall.Errno: strerror, lower case). */
static Value errno_error(int e) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s", strerror(e));
  if (buf[0] >= 'A' && buf[0] <= 'Z') buf[0] = (char)(buf[0] - 'A' + 'a');
  return api_error_new(buf, NIL_VAL);
}

/* Try dir/name: the zone data, or NULL with *err set unless the file does
** not exist (then *err is untouched). */
static TzData *load_from(const char *dir, const char *name, Value *err) {
  size_t pl = strlen(dir) + strlen(name) + 2;
  char *path = GC_MALLOC_ATOMIC(pl);
  snprintf(path, pl, "%s%s%s", dir, *dir ? "/" : "", name);
  unsigned char *data;
  size_t len;
  bool too_big;
  int e = read_file(path, &data, &len, &too_big);
  if (too_big) {
    char msg[1200];
    snprintf(msg, sizeof msg, "time: file %.1024s is too large", path);
    *err = api_error_new(msg, NIL_VAL);
    return NULL;
  }
  if (e == ENOENT) return NULL;
  if (e) {
    *err = errno_error(e);
    return NULL;
  }
  TzData *z = tzif_parse(data, len);
  if (!z) *err = api_error_new(bad_data, NIL_VAL);
  return z;
}

static int ret_location(Fiber *f, Value *r, int kind, const char *name, size_t len, TzData *z) {
  int code = loc_new(kind, name, len, 0, z);
  if (code < 0) return too_many(f);
  r[0] = tz_location(code);
  r[1] = NIL_VAL;
  return 2;
}

static int ret_error(Value *r, Value err) {
  r[0] = nil_location();
  r[1] = err;
  return 2;
}

/* LoadLocation(name string) (*Location, error) */
static int t_load_location(Fiber *f, Value *a, int n, Value *r) {
  size_t len;
  const char *s = str_arg(a, n, 0, &len);
  if (len == 0 || (len == 3 && memcmp(s, "UTC", 3) == 0)) {
    r[0] = tz_location(LOC_UTC);
    r[1] = NIL_VAL;
    return 2;
  }
  if (len == 5 && memcmp(s, "Local", 5) == 0) {
    r[0] = tz_location(LOC_LOCAL);
    r[1] = NIL_VAL;
    return 2;
  }
  bool dotdot = false;
  for (size_t i = 0; i + 1 < len; i++) dotdot |= s[i] == '.' && s[i + 1] == '.';
  if (dotdot || s[0] == '/' || s[0] == '\\')
    return ret_error(r, api_error_new("time: invalid location name", NIL_VAL));
  if (memchr(s, 0, len)) return ret_error(r, errno_error(EINVAL));
  char *name = str_copy(s, len);

  pthread_mutex_lock(&tab_lock);
  TzData *z = NULL;
  for (TzCached *c = tz_cache; c && !z; c = c->next)
    if (strcmp(c->name, name) == 0) z = c->tz;
  pthread_mutex_unlock(&tab_lock);
  if (z) return ret_location(f, r, LK_FILE, name, len, z);

  /* Go's sources: $ZONEINFO (a directory; a zip is not read), then the system's */
  Value err = NIL_VAL;
  const char *env = getenv("ZONEINFO");
  size_t el = env ? strlen(env) : 0;
  if (el > 0 && !(el > 4 && strcmp(env + el - 4, ".zip") == 0)) z = load_from(env, name, &err);
  for (size_t i = 0; !z && i < sizeof zone_dirs / sizeof zone_dirs[0]; i++) {
    Value e = NIL_VAL;
    z = load_from(zone_dirs[i], name, &e);
    if (IS_NIL(err)) err = e;
  }
  if (!z) {
    if (IS_NIL(err)) {
      char *msg = GC_MALLOC_ATOMIC(len + 32);
      snprintf(msg, len + 32, "unknown time zone %s", name);
      err = api_error_new(msg, NIL_VAL);
    }
    return ret_error(r, err);
  }
  TzCached *c = NEW(TzCached);
  c->name = name;
  c->tz = z;
  pthread_mutex_lock(&tab_lock);
  c->next = tz_cache;
  tz_cache = c;
  pthread_mutex_unlock(&tab_lock);
  return ret_location(f, r, LK_FILE, name, len, z);
}

/* LoadLocationFromTZData(name string, data []byte) (*Location, error) */
static int t_load_tzdata(Fiber *f, Value *a, int n, Value *r) {
  size_t len;
  const char *name = str_arg(a, n, 0, &len);
  ObjSlice *sl = n > 1 && a[1].kind == VAL_SLICE ? a[1].as.p : NULL;
  size_t dn = sl ? (size_t)sl->len : 0;
  unsigned char *data = GC_MALLOC_ATOMIC(dn + 1);
  for (size_t i = 0; i < dn; i++) data[i] = (unsigned char)sl->arr->v[sl->off + (int64_t)i].as.i;
  TzData *z = tzif_parse(data, dn);
  if (!z) return ret_error(r, api_error_new(bad_data, NIL_VAL));
  return ret_location(f, r, LK_FILE, name, len, z);
}

/* (*Location).String(): the name given to LoadLocation or FixedZone; a nil
** *Location is UTC, as in Go. */
static int loc_string(Fiber *f, Value *a, int n, Value *r) {
  int code = n >= 1 ? tz_code_of(a[0]) : LOC_UTC;
  TimeLoc *l = loc_get(code < 0 ? LOC_UTC : code);
  if (code == LOC_LOCAL && !sched_is_deterministic()) {
    local_data();
    r[0] = str_val(local_name);
    return 1;
  }
  r[0] = str_val(l ? l->name : "UTC");
  return 1;
}

/* Register type Location, UTC, Local and the zone functions. */
void tz_open(void) {
  Type *lt = type_native("time", "Location", &loc_class);
  loc_class.type = type_ptr(lt);
  api_def_type("time", "Location", lt);
  api_def_method(loc_class.type, "String", loc_string, -1, true);
  if (loc_count == 0) {
    loc_new(LK_UTC, "UTC", 3, 0, NULL);      /* code 0 */
    loc_new(LK_LOCAL, "Local", 5, 0, NULL);  /* code 1 */
  }
  api_def_var("time", "UTC", tz_location(LOC_UTC));
  api_def_var("time", "Local", tz_location(LOC_LOCAL));
  api_def_func("time", "FixedZone", t_fixed_zone, 2);
  api_def_func("time", "LoadLocation", t_load_location, 1);
  api_def_func("time", "LoadLocationFromTZData", t_load_tzdata, 2);
}
