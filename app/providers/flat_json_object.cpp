#include "providers/flat_json_object.h"

namespace ringside {

namespace {

// Whole numbers of up to 15 digits are exact in a double, as QJsonValue::toDouble() gives them.
constexpr int kMaxDigits = 15;
// Payloads have about 20 members; the repeated-key check is quadratic, so a body of a hundred
// thousand tiny members would cost seconds here. QJsonDocument handles those.
constexpr qsizetype kMaxMembers = 64;

/** A cursor over the bytes; every read past the end sees '\0', which nothing accepts. */
class Cursor
{
public:
    explicit Cursor(QByteArrayView bytes) : m_p(bytes.data()), m_end(bytes.data() + bytes.size()) {}

    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    const char *position() const { return m_p; }
    bool atEnd() const { return m_p >= m_end; }
    void advance(qsizetype n = 1) { m_p += n; }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_p;
        return true;
    }
    bool takeWord(QByteArrayView word)
    {
        if (m_end - m_p < word.size() || QByteArrayView(m_p, word.size()) != word)
            return false;
        m_p += word.size();
        return true;
    }

private:
    const char *m_p;
    const char *m_end;
};

// A string's content up to its closing quote, which is consumed. Declines \u escapes (surrogates
// and code points are QJsonDocument's business), control characters (invalid) and non-ASCII bytes.
std::optional<QString> readString(Cursor &c)
{
    const char *start = c.position();
    bool escaped = false;
    for (;;) {
        const char ch = c.peek();
        if (c.atEnd() || uchar(ch) < 0x20 || uchar(ch) >= 0x80)
            return std::nullopt;
        if (ch == '"')
            break;
        if (ch == '\\') {
            escaped = true;
            c.advance();
            if (c.atEnd())
                return std::nullopt;
        }
        c.advance();
    }
    const QByteArrayView raw(start, c.position() - start);
    c.advance(); // the closing quote
    if (!escaped)
        return QString::fromLatin1(raw);
    QString out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        char ch = raw[i];
        if (ch == '\\') {
            switch (raw[++i]) {
            case '"': ch = '"'; break;
            case '\\': ch = '\\'; break;
            case '/': ch = '/'; break;
            case 'b': ch = '\b'; break;
            case 'f': ch = '\f'; break;
            case 'n': ch = '\n'; break;
            case 'r': ch = '\r'; break;
            case 't': ch = '\t'; break;
            default: return std::nullopt; // \u, or not an escape at all
            }
        }
        out.append(QLatin1Char(ch));
    }
    return out;
}

// A key: plain ASCII, no escapes (a key nobody sends that way is left to QJsonDocument).
std::optional<QByteArrayView> readKey(Cursor &c)
{
    if (!c.take('"'))
        return std::nullopt;
    const char *start = c.position();
    for (char ch = c.peek(); ch != '"'; ch = c.peek()) {
        if (c.atEnd() || uchar(ch) < 0x20 || uchar(ch) >= 0x80 || ch == '\\')
            return std::nullopt;
        c.advance();
    }
    const QByteArrayView key(start, c.position() - start);
    c.advance();
    return key;
}

// -?(0|[1-9][0-9]*) with at most kMaxDigits digits and no fraction or exponent.
std::optional<double> readWholeNumber(Cursor &c)
{
    const bool negative = c.take('-');
    qint64 n = 0;
    int digits = 0;
    if (c.take('0')) {
        digits = 1;
    } else {
        while (c.peek() >= '0' && c.peek() <= '9' && digits <= kMaxDigits) {
            n = n * 10 + (c.peek() - '0');
            ++digits;
            c.advance();
        }
    }
    const char next = c.peek();
    if (digits == 0 || digits > kMaxDigits || next == '.' || next == 'e' || next == 'E'
        || (next >= '0' && next <= '9'))
        return std::nullopt;
    return double(negative ? -n : n); // "-0" is the integer 0 for QJsonDocument too
}

std::optional<JsonScalar> readValue(Cursor &c)
{
    JsonScalar v;
    const char ch = c.peek();
    if (ch == '"') {
        c.advance();
        auto s = readString(c);
        if (!s)
            return std::nullopt;
        v.type = QJsonValue::String;
        v.string = std::move(*s);
    } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
        const auto n = readWholeNumber(c);
        if (!n)
            return std::nullopt;
        v.type = QJsonValue::Double;
        v.number = *n;
    } else if (c.takeWord("null")) {
        v.type = QJsonValue::Null;
    } else if (c.takeWord("true")) {
        v.type = QJsonValue::Bool;
    } else if (c.takeWord("false")) {
        v.type = QJsonValue::Bool;
    } else {
        return std::nullopt; // an object, an array, or not JSON
    }
    return v;
}

} // namespace

JsonScalar JsonScalar::of(const QJsonValue &value)
{
    JsonScalar v;
    v.type = value.type();
    if (v.type == QJsonValue::String)
        v.string = value.toString();
    else if (v.type == QJsonValue::Double)
        v.number = value.toDouble();
    return v;
}

std::optional<FlatJsonObject> FlatJsonObject::parse(QByteArrayView json)
{
    Cursor c(json);
    FlatJsonObject object;
    c.skipSpace();
    if (!c.take('{'))
        return std::nullopt;
    c.skipSpace();
    if (!c.take('}')) {
        for (;;) {
            c.skipSpace();
            const auto key = readKey(c);
            if (!key || object.m_members.size() == kMaxMembers)
                return std::nullopt;
            for (const Member &m : std::as_const(object.m_members)) {
                if (m.key == *key)
                    return std::nullopt; // which one wins is QJsonDocument's rule, not ours
            }
            c.skipSpace();
            if (!c.take(':'))
                return std::nullopt;
            c.skipSpace();
            auto value = readValue(c);
            if (!value)
                return std::nullopt;
            object.m_members.append({*key, std::move(*value)});
            c.skipSpace();
            if (c.take('}'))
                break;
            if (!c.take(','))
                return std::nullopt;
        }
    }
    c.skipSpace();
    if (!c.atEnd())
        return std::nullopt;
    return object;
}

JsonScalar FlatJsonObject::value(QLatin1StringView key) const
{
    const QByteArrayView wanted(key.data(), key.size());
    for (const Member &m : m_members) {
        if (m.key == wanted)
            return m.value;
    }
    return {};
}

} // namespace ringside
