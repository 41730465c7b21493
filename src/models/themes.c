/*
 * themes.c — what detractors write about that promoters do not, and the
 * other way round, in Dutch, English and French comments; and the masking
 * of personal data in the comments shown.
 *
 * Each distinct comment text is read once:
 *   1. language: per word, +1 for each language whose stopword list holds
 *      it, +0.5 for a spelling cue (Dutch ij and doubled vowels, French
 *      accents and endings, English th/wh/-ly); the highest score wins, a
 *      tie or nothing is "unknown" and is stemmed as the most common
 *      language of the corpus.
 *   2. words: runs of letters (ASCII and the Latin-1 letters U+00C0-U+00FF,
 *      lower-cased; an apostrophe, digit or mark ends a word), two letters
 *      or more, not a stopword of the comment's language;
 *   3. Snowball stems (libstemmer: dutch, english, french), and pairs of
 *      adjacent stems ("lever laat" from "levering te laat").
 * A term counts once per comment. Over the counted answers with an NPS,
 * y_d(w) and y_p(w) are the detractor and promoter comments holding w.
 *
 * Monroe, Colaresi & Quinn (2008, "Fightin' words", Political Analysis
 * 16(4), eq. 16-22): the log-odds ratio with an informative Dirichlet
 * prior a_w, here a tenth of the term's count over all comments (every
 * class: the prior is the corpus itself, worth a tenth of the data, so a
 * term rare everywhere is pulled to no difference while a few hundred
 * comments still show their themes; a0 = sum of a_w):
 *   delta_w = log((y_d + a_w) / (n_d + a0 - y_d - a_w))
 *           - log((y_p + a_w) / (n_p + a0 - y_p - a_w)),
 *   var_w  ~= 1 / (y_d + a_w) + 1 / (y_p + a_w),     z_w = delta_w / sd.
 * A detractor theme has z > 1.96 and at least min_group detractor
 * comments; a promoter theme z < -1.96 and min_group promoter comments.
 * Its examples are the (up to) three texts on its side holding it that
 * were written most often, with personal data masked.
 */
#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/feedback_internal.h"

enum { L_NL = 0, L_EN, L_FR, L_UNKNOWN };

/* The prior's weight: a tenth of the corpus counts (see the header). */
#define KW_FB_PRIOR 0.1
static const char *const lang_key[] = {"nl", "en", "fr", ""};
static const char *const stem_alg[] = {"dutch", "english", "french"};

static const char *const stop_nl[] = {
    "aan", "al", "alle", "alles", "als", "altijd", "ben", "bij", "dan",
    "dat", "de", "der", "deze", "die", "dit", "doch", "doen", "door", "dus",
    "een", "eens", "en", "er", "ge", "geen", "geweest", "haar", "had",
    "heb", "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun",
    "iemand", "iets", "ik", "in", "is", "ja", "je", "kan", "kon", "kunnen",
    "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar",
    "niet", "niets", "nog", "nu", "of", "om", "omdat", "ons", "onze", "ook",
    "op", "over", "reeds", "te", "tegen", "toch", "toen", "tot", "u", "uit",
    "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "we", "wel",
    "werd", "wezen", "wie", "wij", "wil", "worden", "wordt", "zal", "ze",
    "zei", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou", "mag",
    "vaak", "erg", "heel", "echt", "wel", "nooit", "al", "bleek", "gaat",
    "goed", "niks", "weer", "kunnen", "moeten", "ze", "zeer", "nogal"};
static const char *const stop_en[] = {
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "don",
    "down", "during", "each", "every", "few", "for", "from", "get", "got",
    "had", "has", "have", "having", "he", "her", "here", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more",
    "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "out", "over", "own", "same",
    "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "under", "until", "up", "us", "very", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "why", "will", "with",
    "would", "you", "your", "bit", "always", "never", "overall", "really",
    "quite", "everything", "nobody", "days", "ok", "fine", "good", "but"};
static const char *const stop_fr[] = {
    "a", "ai", "au", "aux", "avec", "avons", "avez", "bien", "c", "ça",
    "ce", "cela", "ces", "cet", "cette", "d", "dans", "de", "des", "du",
    "elle", "en", "est", "et", "été", "être", "eu", "eux", "fait", "il",
    "ils", "j", "je", "jamais", "l", "la", "le", "les", "leur", "lui", "m",
    "ma", "mais", "me", "même", "mes", "moi", "mon", "n", "ne", "nos",
    "notre", "nous", "on", "ont", "ou", "où", "par", "pas", "peu", "plus",
    "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont",
    "sur", "t", "ta", "te", "tes", "toi", "ton", "toujours", "tout",
    "toute", "tous", "très", "trop", "tu", "un", "une", "vos", "votre",
    "vous", "y", "était", "sommes", "êtes", "suis", "sera", "avait",
    "rien", "encore", "déjà", "souvent", "jours", "bon", "bonne"};

typedef struct wordlist {
  const char *const *w;
  size_t n;
} wordlist;

static const wordlist stops[3] = {
    {stop_nl, sizeof stop_nl / sizeof *stop_nl},
    {stop_en, sizeof stop_en / sizeof *stop_en},
    {stop_fr, sizeof stop_fr / sizeof *stop_fr}};

static bool in_list(const wordlist *l, const char *w, size_t n) {
  for (size_t i = 0; i < l->n; i++)
    if (strlen(l->w[i]) == n && !memcmp(l->w[i], w, n)) return true;
  return false;
}

/* ------------------------------------------------------- tokenising */

/* Length of the letter at s (1 or 2 bytes), 0 when not a letter; writes
 * its lower-case form to lo (and its length to *lon). upper: it was an
 * upper-case letter. */
static size_t letter_at(const unsigned char *s, size_t n, unsigned char *lo,
                        size_t *lon, bool *upper) {
  unsigned char c = s[0];
  *upper = false;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
    *upper = c <= 'Z';
    lo[0] = (unsigned char)(c | 0x20);
    *lon = 1;
    return 1;
  }
  if (c == 0xC3 && n >= 2 && s[1] >= 0x80 && s[1] <= 0xBF && s[1] != 0x97 &&
      s[1] != 0xB7) {
    *upper = s[1] <= 0x9E;
    lo[0] = 0xC3;
    lo[1] = (unsigned char)(s[1] <= 0x9E ? s[1] + 0x20 : s[1]);
    *lon = 2;
    return 2;
  }
  if (c == 0xC5 && n >= 2 && (s[1] == 0x92 || s[1] == 0x93)) { /* œ */
    *upper = s[1] == 0x92;
    lo[0] = 0xC5;
    lo[1] = 0x93;
    *lon = 2;
    return 2;
  }
  return 0;
}

typedef struct word {
  size_t start, end;   /* byte span in the text */
  size_t lo_off, lo_n; /* lower-cased form in the scratch buffer */
  size_t chars;
  bool upper;          /* first letter upper-case */
} word;

typedef struct scratch {
  unsigned char *lo;
  size_t lo_cap;
  word *w;
  size_t w_cap;
} scratch;

/* Split s into words; returns the count or SIZE_MAX out of memory. */
static size_t split_words(kw_context *ctx, scratch *sc, const char *text,
                          size_t n) {
  const unsigned char *s = (const unsigned char *)text;
  if (sc->lo_cap < 2 * n + 2) {
    unsigned char *p = kw_realloc(ctx, sc->lo, 2 * n + 2);
    if (!p) return SIZE_MAX;
    sc->lo = p;
    sc->lo_cap = 2 * n + 2;
  }
  size_t nw = 0, lo_len = 0, i = 0;
  while (i < n) {
    unsigned char tmp[2];
    size_t tl;
    bool up;
    size_t k = letter_at(s + i, n - i, tmp, &tl, &up);
    if (!k) {
      i++;
      continue;
    }
    if (nw == sc->w_cap) {
      size_t cap = sc->w_cap ? 2 * sc->w_cap : 32;
      word *p = kw_realloc(ctx, sc->w, cap * sizeof *p);
      if (!p) return SIZE_MAX;
      sc->w = p;
      sc->w_cap = cap;
    }
    word *w = &sc->w[nw++];
    w->start = i;
    w->lo_off = lo_len;
    w->upper = up;
    w->chars = 0;
    while (i < n && (k = letter_at(s + i, n - i, tmp, &tl, &up))) {
      memcpy(sc->lo + lo_len, tmp, tl);
      lo_len += tl;
      i += k;
      w->chars++;
    }
    w->end = i;
    w->lo_n = lo_len - w->lo_off;
  }
  return nw;
}

static bool has(const unsigned char *w, size_t n, const char *pat) {
  size_t m = strlen(pat);
  for (size_t i = 0; i + m <= n; i++)
    if (!memcmp(w + i, pat, m)) return true;
  return false;
}

static bool ends(const unsigned char *w, size_t n, const char *pat) {
  size_t m = strlen(pat);
  return n >= m && !memcmp(w + n - m, pat, m);
}

/* Is w[0..n) a stopword of language l: from the dictionaries when given
 * (the themes build), else by scanning the list. */
static bool is_stop(kw_dict *const *sd, int l, const char *w, size_t n) {
  if (sd) return kw_dict_find(sd[l], w, n) != KW_NA_ID;
  return in_list(&stops[l], w, n);
}

static int detect(kw_dict *const *sd, const unsigned char *lo, const word *w,
                  size_t nw) {
  double sc[3] = {0, 0, 0};
  for (size_t i = 0; i < nw; i++) {
    const unsigned char *p = lo + w[i].lo_off;
    size_t n = w[i].lo_n;
    for (int l = 0; l < 3; l++)
      if (is_stop(sd, l, (const char *)p, n)) sc[l] += 1;
    if (has(p, n, "ij") || has(p, n, "aa") || has(p, n, "uu") ||
        has(p, n, "oe") || ends(p, n, "heid") || ends(p, n, "lijk"))
      sc[L_NL] += 0.5;
    if (has(p, n, "\xc3\xa9") || has(p, n, "\xc3\xa8") ||
        has(p, n, "\xc3\xaa") || has(p, n, "\xc3\xa0") ||
        has(p, n, "\xc3\xa7") || ends(p, n, "eux") || ends(p, n, "aison") ||
        ends(p, n, "ard"))
      sc[L_FR] += 0.5;
    if (has(p, n, "th") || has(p, n, "wh") || ends(p, n, "ly") ||
        ends(p, n, "ery"))
      sc[L_EN] += 0.5;
  }
  int best = L_UNKNOWN;
  double bv = 0;
  bool tie = false;
  for (int l = 0; l < 3; l++) {
    if (sc[l] > bv) best = l, bv = sc[l], tie = false;
    else if (sc[l] == bv && bv > 0) tie = true;
  }
  return tie ? L_UNKNOWN : best;
}

const char *kw_text_language(const char *s, size_t len) {
  /* a small fixed scratch: enough for a comment's first words */
  enum { MAXW = 256 };
  unsigned char lo[2048];
  word w[MAXW];
  size_t nw = 0, lo_len = 0, i = 0;
  const unsigned char *u = (const unsigned char *)s;
  while (i < len && nw < MAXW) {
    unsigned char tmp[2];
    size_t tl, k;
    bool up;
    if (!(k = letter_at(u + i, len - i, tmp, &tl, &up))) {
      i++;
      continue;
    }
    word *x = &w[nw++];
    x->lo_off = lo_len;
    while (i < len && (k = letter_at(u + i, len - i, tmp, &tl, &up))) {
      if (lo_len + tl <= sizeof lo) memcpy(lo + lo_len, tmp, tl), lo_len += tl;
      i += k;
    }
    x->lo_n = lo_len - x->lo_off;
    if (lo_len + 2 > sizeof lo) break;
  }
  return lang_key[detect(NULL, lo, w, nw)];
}

/* ---------------------------------------------------------- masking */

static const char *const legal_words[] = {
    "bv", "nv", "bvba", "vof", "cv", "commv", "sa", "sprl", "srl", "ltd",
    "inc", "gmbh", "de", "van", "der", "den", "het", "la", "le", "les",
    "du", "des", "en", "and", "the", "of"};

static bool is_legal_word(const unsigned char *w, size_t n) {
  for (size_t i = 0; i < sizeof legal_words / sizeof *legal_words; i++)
    if (strlen(legal_words[i]) == n && !memcmp(legal_words[i], w, n))
      return true;
  return false;
}

/* The lower-cased words of every name (two letters or more), legal forms
 * and particles left out. */
static kw_status name_words(kw_context *ctx, const kw_dict *names,
                            kw_dict **out) {
  *out = NULL;
  if (!names) return KW_OK;
  kw_dict *d = kw_dict_new(ctx);
  if (!d) return kw_fail_nomem(ctx);
  scratch sc = {0};
  size_t nn = kw_dict_size(names);
  for (size_t k = 0; k < nn; k++) {
    const char *s = kw_dict_str(names, (uint32_t)k);
    size_t nw = split_words(ctx, &sc, s, kw_dict_len(names, (uint32_t)k));
    if (nw == SIZE_MAX) goto oom;
    for (size_t i = 0; i < nw; i++) {
      const word *w = &sc.w[i];
      if (w->chars < 2 || is_legal_word(sc.lo + w->lo_off, w->lo_n))
        continue;
      uint32_t id;
      if (kw_dict_intern(ctx, d, (const char *)sc.lo + w->lo_off, w->lo_n,
                         &id, NULL))
        goto oom;
    }
  }
  kw_free(ctx, sc.lo);
  kw_free(ctx, sc.w);
  *out = d;
  return KW_OK;
oom:
  kw_free(ctx, sc.lo);
  kw_free(ctx, sc.w);
  kw_dict_free(ctx, d);
  return kw_fail_nomem(ctx);
}

static bool email_char(unsigned char c, bool local) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         (local && (c == '_' || c == '+' || c == '%'));
}

typedef struct outbuf {
  char *p;
  size_t n, cap;
  bool fail;
} outbuf;

static void out_put(kw_context *ctx, outbuf *o, const char *s, size_t n) {
  if (o->fail) return;
  if (o->n + n + 1 > o->cap) {
    size_t cap = (o->n + n + 1) * 2;
    char *p = kw_realloc(ctx, o->p, cap);
    if (!p) {
      o->fail = true;
      return;
    }
    o->p = p;
    o->cap = cap;
  }
  memcpy(o->p + o->n, s, n);
  o->n += n;
  o->p[o->n] = 0;
}

static char *mask_with(kw_context *ctx, const char *text, size_t n,
                       const kw_dict *nw) {
  const unsigned char *s = (const unsigned char *)text;
  /* pass 1: e-mail addresses and phone numbers */
  outbuf a = {0};
  out_put(ctx, &a, "", 0);
  size_t i = 0;
  while (i < n) {
    if (s[i] == '@') {
      size_t l = a.n;
      while (l > 0 && email_char((unsigned char)a.p[l - 1], true)) l--;
      size_t r = i + 1;
      bool dot = false;
      while (r < n && email_char(s[r], false)) dot |= s[r] == '.', r++;
      while (r > i + 1 && s[r - 1] == '.') r--;
      if (l < a.n && dot) {
        a.n = l;
        out_put(ctx, &a, "[e-mail]", 8);
        i = r;
        continue;
      }
    }
    bool start = (s[i] >= '0' && s[i] <= '9') ||
                 (s[i] == '+' && i + 1 < n && s[i + 1] >= '0' &&
                  s[i + 1] <= '9') ||
                 (s[i] == '(' && i + 1 < n && s[i + 1] >= '0' &&
                  s[i + 1] <= '9');
    if (start && (i == 0 || !((s[i - 1] >= '0' && s[i - 1] <= '9')))) {
      size_t r = i, digits = 0, last_digit = i;
      while (r < n && ((s[r] >= '0' && s[r] <= '9') || s[r] == ' ' ||
                       s[r] == '.' || s[r] == '-' || s[r] == '/' ||
                       s[r] == '(' || s[r] == ')' || s[r] == '+')) {
        if (s[r] >= '0' && s[r] <= '9') digits++, last_digit = r;
        if (s[r] == ' ' && r + 1 < n && s[r + 1] == ' ') break;
        r++;
      }
      if (digits >= 9) {
        out_put(ctx, &a, "[phone]", 7);
        i = last_digit + 1;
        continue;
      }
      /* not a phone number: copy the digits run as it is */
      out_put(ctx, &a, (const char *)s + i, last_digit + 1 - i);
      i = last_digit + 1;
      continue;
    }
    out_put(ctx, &a, (const char *)s + i, 1);
    i++;
  }
  if (a.fail) {
    kw_free(ctx, a.p);
    return NULL;
  }
  if (!nw || kw_dict_size(nw) == 0) return a.p;
  /* pass 2: capitalised words that are words of a customer's name */
  scratch sc = {0};
  size_t nwd = split_words(ctx, &sc, a.p, a.n);
  outbuf b = {0};
  out_put(ctx, &b, "", 0);
  size_t at = 0;
  for (size_t k = 0; nwd != SIZE_MAX && k < nwd; k++) {
    const word *w = &sc.w[k];
    if (!w->upper || w->chars < 2) continue;
    /* "[e-mail]" and "[phone]" are ours */
    if (w->start > 0 && a.p[w->start - 1] == '[') continue;
    if (kw_dict_find(nw, (const char *)sc.lo + w->lo_off, w->lo_n) ==
        KW_NA_ID)
      continue;
    out_put(ctx, &b, a.p + at, w->start - at);
    out_put(ctx, &b, "[name]", 6);
    at = w->end;
  }
  out_put(ctx, &b, a.p + at, a.n - at);
  kw_free(ctx, sc.lo);
  kw_free(ctx, sc.w);
  kw_free(ctx, a.p);
  if (nwd == SIZE_MAX || b.fail) {
    kw_free(ctx, b.p);
    return NULL;
  }
  return b.p;
}

char *kw_mask_personal(kw_context *ctx, const char *s, const kw_dict *names) {
  kw_dict *nw;
  if (name_words(ctx, names, &nw)) return NULL;
  char *r = mask_with(ctx, s, strlen(s), nw);
  kw_dict_free(ctx, nw);
  return r;
}

/* ----------------------------------------------------------- themes */

typedef struct tinfo {
  uint32_t best_label;   /* id in the label dictionary */
  uint32_t best_count;
  uint8_t lang;
} tinfo;

typedef struct th_state {
  kw_context *ctx;
  kw_dict *terms, *labels, *pairs; /* pairs: "term\x1flabel" */
  kw_buf tinf;                     /* tinfo per term */
  kw_buf pcount;                   /* uint32 per pair */
  kw_buf ptl;                      /* uint32[2] per pair: term, label */
  kw_buf list;                     /* uint32 term ids of every comment */
  size_t *off;                     /* per comment id: start in list */
  uint32_t *len;
  uint8_t *lang;                   /* per comment id */
  struct sb_stemmer *stem[3];
  scratch sc;
  char *tmp;
  size_t tmp_cap;
  uint32_t weight;                 /* answers with the text being read */
  kw_dict *stopd[3];               /* the stopword lists as dictionaries */
} th_state;

static kw_status tmp_reserve(th_state *t, size_t n) {
  if (t->tmp_cap >= n) return KW_OK;
  char *p = kw_realloc(t->ctx, t->tmp, n);
  if (!p) return kw_fail_nomem(t->ctx);
  t->tmp = p;
  t->tmp_cap = n;
  return KW_OK;
}

static int u32cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Intern a term with the label it was written as; appends its id to the
 * comment's list. */
static kw_status add_term(th_state *t, const char *term, size_t tn,
                          const char *label, size_t ln, int lang) {
  kw_context *ctx = t->ctx;
  uint32_t id, lid, pid;
  bool added;
  kw_status st;
  if ((st = kw_dict_intern(ctx, t->terms, term, tn, &id, &added))) return st;
  if (added) {
    tinfo ti = {UINT32_MAX, 0, (uint8_t)lang};
    if ((st = kw_buf_push(ctx, &t->tinf, &ti))) return st;
  }
  if ((st = kw_dict_intern(ctx, t->labels, label, ln, &lid, NULL))) return st;
  if ((st = tmp_reserve(t, tn + ln + 2))) return st;
  memcpy(t->tmp, term, tn);
  t->tmp[tn] = 0x1f;
  memcpy(t->tmp + tn + 1, label, ln);
  if ((st = kw_dict_intern(ctx, t->pairs, t->tmp, tn + 1 + ln, &pid,
                           &added)))
    return st;
  if (added) {
    uint32_t zero = 0, tl[2] = {id, lid};
    if ((st = kw_buf_push(ctx, &t->pcount, &zero)) ||
        (st = kw_buf_push(ctx, &t->ptl, tl)))
      return st;
  }
  ((uint32_t *)t->pcount.data)[pid] += t->weight;
  return kw_buf_push(ctx, &t->list, &id);
}

/* The terms of one distinct comment text. */
static kw_status read_comment(th_state *t, const char *text, size_t n,
                              int corpus_lang, size_t cid) {
  kw_context *ctx = t->ctx;
  size_t nw = split_words(ctx, &t->sc, text, n);
  if (nw == SIZE_MAX) return kw_fail_nomem(ctx);
  int lang = t->lang[cid];
  int sl = lang == L_UNKNOWN ? corpus_lang : lang;
  const unsigned char *lo = t->sc.lo;
  size_t start = t->list.len;
  /* content words, stemmed, kept as (stem offset, length) in tmp2 */
  char *stems = kw_malloc(ctx, 2 * n + 8);
  size_t *so = kw_malloc(ctx, (nw + 1) * 2 * sizeof *so);
  size_t *wi = kw_malloc(ctx, (nw + 1) * sizeof *wi);
  kw_status st = KW_OK;
  if (!stems || !so || !wi) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  size_t ns = 0, sl_len = 0;
  for (size_t i = 0; i < nw; i++) {
    const word *w = &t->sc.w[i];
    const char *p = (const char *)lo + w->lo_off;
    if (w->chars < 2) continue;
    bool stop = false;
    if (lang == L_UNKNOWN) {
      for (int l = 0; l < 3 && !stop; l++)
        stop = is_stop(t->stopd, l, p, w->lo_n);
    } else {
      stop = is_stop(t->stopd, lang, p, w->lo_n);
    }
    if (stop) continue;
    const sb_symbol *r = NULL;
    int rl = 0;
    if (t->stem[sl]) {
      r = sb_stemmer_stem(t->stem[sl], (const sb_symbol *)p, (int)w->lo_n);
      if (!r) {
        st = kw_fail_nomem(ctx);
        goto done;
      }
      rl = sb_stemmer_length(t->stem[sl]);
    }
    if (!r || rl <= 0 || (size_t)rl > w->lo_n + 4) {
      r = (const sb_symbol *)p;
      rl = (int)w->lo_n;
    }
    if (sl_len + (size_t)rl + 1 > 2 * n + 8) break;
    memcpy(stems + sl_len, r, (size_t)rl);
    so[2 * ns] = sl_len;
    so[2 * ns + 1] = (size_t)rl;
    wi[ns] = i;
    sl_len += (size_t)rl;
    ns++;
  }
  for (size_t k = 0; k < ns && !st; k++) {
    const word *w = &t->sc.w[wi[k]];
    st = add_term(t, stems + so[2 * k], so[2 * k + 1],
                  (const char *)lo + w->lo_off, w->lo_n, sl);
    if (st || k + 1 >= ns) continue;
    /* the pair with the next content word, labelled by the text between */
    const word *w2 = &t->sc.w[wi[k + 1]];
    size_t tn = so[2 * k + 1] + 1 + so[2 * k + 3];
    size_t ln = w2->lo_off + w2->lo_n - w->lo_off;
    if ((st = tmp_reserve(t, tn + 1))) break;
    /* label: the lower-cased words from the first to the second, with
     * single blanks */
    char *lab = kw_malloc(ctx, 2 * ln + 2 * (wi[k + 1] - wi[k]) + 2);
    if (!lab) {
      st = kw_fail_nomem(ctx);
      break;
    }
    size_t ll = 0;
    for (size_t j = wi[k]; j <= wi[k + 1]; j++) {
      const word *x = &t->sc.w[j];
      if (ll) lab[ll++] = ' ';
      memcpy(lab + ll, lo + x->lo_off, x->lo_n);
      ll += x->lo_n;
    }
    char *term = kw_malloc(ctx, tn + 1);
    if (!term) {
      kw_free(ctx, lab);
      st = kw_fail_nomem(ctx);
      break;
    }
    memcpy(term, stems + so[2 * k], so[2 * k + 1]);
    term[so[2 * k + 1]] = ' ';
    memcpy(term + so[2 * k + 1] + 1, stems + so[2 * k + 2], so[2 * k + 3]);
    st = add_term(t, term, tn, lab, ll, sl);
    kw_free(ctx, term);
    kw_free(ctx, lab);
  }
  if (!st) {
    /* once per comment: sort and drop repeats */
    uint32_t *l = (uint32_t *)t->list.data + start;
    size_t m = t->list.len - start, u = 0;
    qsort(l, m, sizeof *l, u32cmp);
    for (size_t k = 0; k < m; k++)
      if (!u || l[u - 1] != l[k]) l[u++] = l[k];
    t->list.len = start + u;
    t->off[cid] = start;
    t->len[cid] = (uint32_t)u;
  }
done:
  kw_free(ctx, stems);
  kw_free(ctx, so);
  kw_free(ctx, wi);
  return st;
}

static int nps_class_of(const kw_feedback *fb, size_t r) {
  double v = fb->nps ? fb->nps->v.number[r] : NAN;
  if (!(v >= 0 && v <= 10)) return -1;
  return v >= 9 ? KW_NPS_PROMOTER : v >= 7 ? KW_NPS_PASSIVE : KW_NPS_DETRACTOR;
}

static bool term_in(const th_state *t, size_t cid, uint32_t term) {
  const uint32_t *l = (const uint32_t *)t->list.data + t->off[cid];
  size_t lo = 0, hi = t->len[cid];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (l[mid] < term) lo = mid + 1;
    else hi = mid;
  }
  return lo < t->len[cid] && l[lo] == term;
}

typedef struct cand {
  uint32_t term;
  double z;
} cand;

static int cand_desc(const void *a, const void *b) {
  const cand *p = a, *q = b;
  if (p->z != q->z) return p->z > q->z ? -1 : 1;
  return p->term < q->term ? -1 : p->term > q->term;
}

/* Keep up to mx candidates (best first), leaving out a term whose
 * comments on its side are for 80% or more comments of a term already
 * kept ("support tickets" after "tickets"). uses[cid]: answers of the
 * side with comment text cid. Returns the number kept (compacted). */
static size_t pick(const th_state *t, cand *c, size_t n, size_t mx,
                   const uint32_t *uses, size_t nd, const uint32_t *count,
                   uint32_t *ids) {
  size_t kept = 0;
  for (size_t i = 0; i < n && kept < mx && i < 8 * mx; i++) {
    uint32_t w = c[i].term;
    /* the texts on this side holding w, once */
    size_t nw = 0;
    for (size_t id = 0; id < nd; id++)
      if (uses[id] && term_in(t, id, w)) ids[nw++] = (uint32_t)id;
    bool dup = false;
    for (size_t k = 0; k < kept && !dup; k++) {
      uint32_t s = c[k].term;
      uint64_t both = 0;
      for (size_t j = 0; j < nw; j++)
        if (term_in(t, ids[j], s)) both += uses[ids[j]];
      dup = 10 * both >= 8 * (uint64_t)count[w];
    }
    if (!dup) c[kept++] = c[i];
  }
  return kept;
}

static void th_free(th_state *t) {
  kw_context *ctx = t->ctx;
  kw_dict_free(ctx, t->terms);
  kw_dict_free(ctx, t->labels);
  kw_dict_free(ctx, t->pairs);
  kw_buf_free(ctx, &t->tinf);
  kw_buf_free(ctx, &t->pcount);
  kw_buf_free(ctx, &t->ptl);
  kw_buf_free(ctx, &t->list);
  kw_free(ctx, t->off);
  kw_free(ctx, t->len);
  kw_free(ctx, t->lang);
  for (int l = 0; l < 3; l++) {
    if (t->stem[l]) sb_stemmer_delete(t->stem[l]);
    kw_dict_free(ctx, t->stopd[l]);
  }
  kw_free(ctx, t->sc.lo);
  kw_free(ctx, t->sc.w);
  kw_free(ctx, t->tmp);
}

void kw_fb_themes_free(kw_feedback *fb) {
  kw_free(fb->ctx, fb->theme_rows);
  kw_free(fb->ctx, fb->theme_text);
  kw_free(fb->ctx, fb->theme_mask);
  fb->theme_rows = NULL;
  fb->theme_text = NULL;
  fb->theme_mask = NULL;
}


kw_status kw_fb_themes_build(kw_feedback *fb) {
  kw_context *ctx = fb->ctx;
  const kw_column *cc = fb->comment;
  if (!cc || cc->type != KW_TYPE_TEXT) return KW_OK;
  const size_t nd = kw_dict_size(cc->dict);
  th_state t;
  memset(&t, 0, sizeof t);
  t.ctx = ctx;
  kw_buf_init(&t.tinf, sizeof(tinfo));
  kw_buf_init(&t.pcount, sizeof(uint32_t));
  kw_buf_init(&t.ptl, 2 * sizeof(uint32_t));
  kw_buf_init(&t.list, sizeof(uint32_t));
  kw_status st = KW_OK;
  uint32_t *cnt[3] = {NULL, NULL, NULL};
  uint32_t *used = NULL, *ex = NULL, *uses[2] = {NULL, NULL};
  cand *cd = NULL;
  kw_dict *namew = NULL;
  outbuf text = {0};
  t.terms = kw_dict_new(ctx);
  t.labels = kw_dict_new(ctx);
  t.pairs = kw_dict_new(ctx);
  t.off = kw_calloc(ctx, nd ? nd : 1, sizeof *t.off);
  t.len = kw_calloc(ctx, nd ? nd : 1, sizeof *t.len);
  t.lang = kw_malloc(ctx, nd ? nd : 1);
  used = kw_calloc(ctx, nd ? nd : 1, sizeof *used);
  if (!t.terms || !t.labels || !t.pairs || !t.off || !t.len || !t.lang ||
      !used) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  kw_fb_themes *th = &fb->themes;
  memset(th, 0, sizeof *th);
  for (int l = 0; l < 3; l++) {
    t.stopd[l] = kw_dict_new(ctx);
    if (!t.stopd[l]) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    for (size_t k = 0; k < stops[l].n && !st; k++) {
      uint32_t id;
      st = kw_dict_intern(ctx, t.stopd[l], stops[l].w[k],
                          strlen(stops[l].w[k]), &id, NULL);
    }
    if (st) goto done;
  }
  /* which comment texts are used, and how often per class */
  for (size_t i = 0; i < fb->m; i++) {
    uint32_t id = cc->v.text[fb->row[i]];
    if (id >= nd || kw_dict_len(cc->dict, id) == 0) continue;
    used[id]++;
  }
  /* languages */
  size_t lang_n[4] = {0};
  for (size_t id = 0; id < nd; id++) {
    t.lang[id] = L_UNKNOWN;
    if (!used[id]) continue;
    const char *s = kw_dict_str(cc->dict, (uint32_t)id);
    size_t nw = split_words(ctx, &t.sc, s, kw_dict_len(cc->dict, (uint32_t)id));
    if (nw == SIZE_MAX) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    t.lang[id] = (uint8_t)detect(t.stopd, t.sc.lo, t.sc.w, nw);
    lang_n[t.lang[id]] += used[id];
  }
  int corpus = L_NL;
  for (int l = 0; l < 3; l++)
    if (lang_n[l] > lang_n[corpus]) corpus = l;
  for (int l = 0; l < 3; l++) {
    t.stem[l] = sb_stemmer_new(stem_alg[l], "UTF_8");
    if (!t.stem[l]) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
  }
  for (size_t id = 0; id < nd && !st; id++)
    if (used[id] && (t.weight = used[id]))
      st = read_comment(&t, kw_dict_str(cc->dict, (uint32_t)id),
                        kw_dict_len(cc->dict, (uint32_t)id), corpus, id);
  if (st) goto done;
  /* counts per class: comments holding each term */
  size_t nt = kw_dict_size(t.terms);
  for (int k = 0; k < 3; k++) {
    cnt[k] = kw_calloc(ctx, nt ? nt : 1, sizeof *cnt[k]);
    if (!cnt[k]) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
  }
  for (size_t i = 0; i < fb->m; i++) {
    size_t r = fb->row[i];
    uint32_t id = cc->v.text[r];
    if (id >= nd || !used[id]) continue;
    th->comments++;
    th->comments_by_lang[t.lang[id]]++;
    int k = nps_class_of(fb, r);
    if (k < 0) continue;
    th->comments_class[k]++;
    const uint32_t *l = (const uint32_t *)t.list.data + t.off[id];
    for (size_t j = 0; j < t.len[id]; j++) cnt[k][l[j]]++;
  }
  /* the label of each term: the form written in the most answers */
  {
    const uint32_t *pc = t.pcount.data;
    const uint32_t *tl = t.ptl.data;
    tinfo *ti = t.tinf.data;
    for (size_t p = 0; p < t.pcount.len; p++) {
      uint32_t term = tl[2 * p];
      if (ti[term].best_label == UINT32_MAX || pc[p] > ti[term].best_count) {
        ti[term].best_label = tl[2 * p + 1];
        ti[term].best_count = pc[p];
      }
    }
  }
  /* log-odds with the informative Dirichlet prior */
  double nd_tot = 0, np_tot = 0, a0 = 0;
  for (size_t w = 0; w < nt; w++) {
    nd_tot += cnt[KW_NPS_DETRACTOR][w];
    np_tot += cnt[KW_NPS_PROMOTER][w];
    a0 += KW_FB_PRIOR * ((double)cnt[0][w] + cnt[1][w] + cnt[2][w]);
  }
  cd = kw_malloc(ctx, (nt ? nt : 1) * sizeof *cd);
  if (!cd) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  double *z = kw_malloc(ctx, (nt ? nt : 1) * sizeof *z);
  if (!z) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t w = 0; w < nt; w++) {
    double yd = cnt[KW_NPS_DETRACTOR][w], yp = cnt[KW_NPS_PROMOTER][w];
    double aw = KW_FB_PRIOR * ((double)cnt[0][w] + cnt[1][w] + cnt[2][w]);
    z[w] = 0;
    if (aw <= 0 || nd_tot <= 0 || np_tot <= 0) continue;
    double delta = log((yd + aw) / (nd_tot + a0 - yd - aw)) -
                   log((yp + aw) / (np_tot + a0 - yp - aw));
    z[w] = delta / sqrt(1.0 / (yd + aw) + 1.0 / (yp + aw));
  }
  for (int k = 0; k < 2; k++) {
    uses[k] = kw_calloc(ctx, nd ? nd : 1, sizeof *uses[k]);
    if (!uses[k]) {
      kw_free(ctx, z);
      st = kw_fail_nomem(ctx);
      goto done;
    }
  }
  for (size_t i = 0; i < fb->m; i++) {
    size_t r = fb->row[i];
    uint32_t id = cc->v.text[r];
    int k = nps_class_of(fb, r);
    if (id >= nd || !used[id]) continue;
    if (k == KW_NPS_DETRACTOR) uses[0][id]++;
    if (k == KW_NPS_PROMOTER) uses[1][id]++;
  }
  size_t mg = fb->o.min_group, mx = fb->o.max_themes ? fb->o.max_themes : 10;
  size_t nsel[2] = {0, 0};
  cand *sel[2];
  sel[0] = cd;
  size_t ncd = 0;
  for (size_t w = 0; w < nt; w++)
    if (z[w] > 1.96 && cnt[KW_NPS_DETRACTOR][w] >= mg)
      cd[ncd++] = (cand){(uint32_t)w, z[w]};
  qsort(cd, ncd, sizeof *cd, cand_desc);
  ex = kw_calloc(ctx, nd ? nd : 1, sizeof *ex);
  if (!ex) {
    kw_free(ctx, z);
    st = kw_fail_nomem(ctx);
    goto done;
  }
  nsel[0] = pick(&t, cd, ncd, mx, uses[0], nd, cnt[KW_NPS_DETRACTOR], ex);
  size_t base = nsel[0];
  ncd = base;
  for (size_t w = 0; w < nt; w++)
    if (z[w] < -1.96 && cnt[KW_NPS_PROMOTER][w] >= mg)
      cd[ncd++] = (cand){(uint32_t)w, -z[w]};
  qsort(cd + base, ncd - base, sizeof *cd, cand_desc);
  nsel[1] = pick(&t, cd + base, ncd - base, mx, uses[1], nd,
                 cnt[KW_NPS_PROMOTER], ex);
  sel[1] = cd + base;
  kw_free(ctx, z);

  /* the rows, their strings in one buffer (offsets first, then pointers) */
  size_t nrows = nsel[0] + nsel[1];
  fb->theme_rows = kw_calloc(ctx, nrows ? nrows : 1, sizeof *fb->theme_rows);
  if (!fb->theme_rows) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  const kw_table *ct = kw_dataset_table(fb->ds, KW_TABLE_CUSTOMERS);
  const kw_column *nmc = ct ? kw_table_role(ct, KW_ROLE_NAME) : NULL;
  if ((st = name_words(ctx, nmc ? nmc->dict : NULL, &namew))) goto done;
  size_t (*offs)[5] = kw_calloc(ctx, nrows ? nrows : 1, sizeof *offs);
  if (!offs) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  out_put(ctx, &text, "", 0);
  const tinfo *ti = t.tinf.data;
  for (int side = 0; side < 2; side++) {
    int cls = side == 0 ? KW_NPS_DETRACTOR : KW_NPS_PROMOTER;
    int oth = side == 0 ? KW_NPS_PROMOTER : KW_NPS_DETRACTOR;
    for (size_t k = 0; k < nsel[side]; k++) {
      size_t ri = side == 0 ? k : nsel[0] + k;
      kw_fb_theme *row = &fb->theme_rows[ri];
      uint32_t w = sel[side][k].term;
      row->lang = lang_key[ti[w].lang];
      row->count = cnt[cls][w];
      row->count_other = cnt[oth][w];
      row->score = side == 0 ? sel[side][k].z : -sel[side][k].z;
      offs[ri][0] = text.n;
      out_put(ctx, &text, kw_dict_str(t.terms, w),
              kw_dict_len(t.terms, w) + 1);
      offs[ri][1] = text.n;
      uint32_t lb = ti[w].best_label;
      out_put(ctx, &text, kw_dict_str(t.labels, lb),
              kw_dict_len(t.labels, lb) + 1);
      /* examples: texts on this side holding the term, most used first */
      memset(ex, 0, nd * sizeof *ex);
      for (size_t i = 0; i < fb->m; i++) {
        size_t r = fb->row[i];
        uint32_t id = cc->v.text[r];
        if (id >= nd || !used[id] || nps_class_of(fb, r) != cls) continue;
        if (ex[id] || term_in(&t, id, w)) ex[id]++;
      }
      for (int e = 0; e < 3; e++) {
        size_t best = SIZE_MAX;
        for (size_t id = 0; id < nd; id++)
          if (ex[id] && (best == SIZE_MAX || ex[id] > ex[best])) best = id;
        if (best == SIZE_MAX) break;
        ex[best] = 0;
        char *m = mask_with(ctx, kw_dict_str(cc->dict, (uint32_t)best),
                            kw_dict_len(cc->dict, (uint32_t)best), namew);
        if (!m) {
          kw_free(ctx, offs);
          st = kw_fail_nomem(ctx);
          goto done;
        }
        offs[ri][2 + e] = text.n;
        out_put(ctx, &text, m, strlen(m) + 1);
        kw_free(ctx, m);
        row->n_examples++;
      }
    }
  }
  if (text.fail) {
    kw_free(ctx, offs);
    st = kw_fail_nomem(ctx);
    goto done;
  }
  fb->theme_text = text.p;
  text.p = NULL;
  for (size_t ri = 0; ri < nrows; ri++) {
    kw_fb_theme *row = &fb->theme_rows[ri];
    row->term = fb->theme_text + offs[ri][0];
    row->label = fb->theme_text + offs[ri][1];
    for (size_t e = 0; e < row->n_examples; e++)
      row->examples[e] = fb->theme_text + offs[ri][2 + e];
  }
  kw_free(ctx, offs);
  /* which themes each counted answer's comment holds, for the themes of a
     group of customers (kw_feedback_themes_by_group) */
  fb->theme_mask = kw_calloc(ctx, fb->m ? fb->m : 1, sizeof *fb->theme_mask);
  if (!fb->theme_mask) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < fb->m; i++) {
    uint32_t id = cc->v.text[fb->row[i]];
    if (id >= nd || !used[id]) continue;
    for (size_t ri = 0; ri < nrows && ri < 64; ri++) {
      uint32_t w = ri < nsel[0] ? sel[0][ri].term : sel[1][ri - nsel[0]].term;
      if (term_in(&t, id, w)) fb->theme_mask[i] |= (uint64_t)1 << ri;
    }
  }
  th->n_detractor = nsel[0];
  th->n_promoter = nsel[1];
  th->detractor = fb->theme_rows;
  th->promoter = fb->theme_rows + nsel[0];
  fb->have_themes = true;
done:
  kw_free(ctx, text.p);
  for (int k = 0; k < 3; k++) kw_free(ctx, cnt[k]);
  kw_free(ctx, uses[0]);
  kw_free(ctx, uses[1]);
  kw_free(ctx, used);
  kw_free(ctx, ex);
  kw_free(ctx, cd);
  kw_dict_free(ctx, namew);
  th_free(&t);
  if (st) kw_fb_themes_free(fb);
  return st;
}

const kw_fb_themes *kw_feedback_themes_view(const kw_feedback *fb) {
  return fb && fb->have_themes ? &fb->themes : NULL;
}

kw_status kw_feedback_themes_by_group(const kw_feedback *fb,
                                      const uint32_t *group_of,
                                      size_t n_customers, size_t n_groups,
                                      size_t *counts, size_t *comments) {
  if (!fb) return KW_EARG;
  const kw_fb_themes *th = kw_feedback_themes_view(fb);
  size_t nt = th ? th->n_detractor + th->n_promoter : 0;
  if (nt > 64) nt = 64;
  if ((!group_of && n_customers) || (!comments && n_groups) ||
      (!counts && n_groups && nt))
    return kw_fail(fb->ctx, KW_EARG, "feedback themes: NULL argument");
  for (size_t g = 0; g < n_groups; g++) {
    comments[g] = 0;
    for (size_t k = 0; k < nt; k++) counts[g * nt + k] = 0;
  }
  if (!th || !fb->cu || !fb->comment || !fb->theme_mask) return KW_OK;
  const kw_column *cc = fb->comment;
  for (size_t i = 0; i < fb->m; i++) {
    size_t r = fb->row[i];
    uint32_t c = fb->cu->v.text[r];
    if (c == KW_NA_ID || c >= n_customers) continue;
    uint32_t g = group_of[c];
    if (g >= n_groups) continue;
    uint32_t id = cc->v.text[r];
    if (id == KW_NA_ID || kw_dict_len(cc->dict, id) == 0) continue;
    comments[g]++;
    uint64_t m = fb->theme_mask[i];
    for (size_t k = 0; k < nt; k++)
      if (m >> k & 1) counts[g * nt + k]++;
  }
  return KW_OK;
}
