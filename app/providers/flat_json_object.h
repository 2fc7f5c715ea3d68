#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QString>
#include <QVarLengthArray>

#include <optional>

namespace ringside {

/** One member's value as a normaliser reads it; arrays and objects only say what they are. */
struct JsonScalar
{
    QJsonValue::Type type = QJsonValue::Undefined;
    QString string; // when type is String
    double number = 0; // when type is Double

    static JsonScalar of(const QJsonValue &value);
};

/** The common shape of a webhook payload, parsed without QJsonDocument: one JSON object whose
 *  members are strings, whole numbers, true, false or null. parse() declines anything else
 *  (nesting, fractions, \\u escapes, non-ASCII text, repeated keys, invalid JSON), and the caller
 *  then parses with QJsonDocument, which also explains errors; for what parse() accepts, the
 *  values are exactly the ones QJsonDocument would give. Per event this is the receiver thread's
 *  largest saving: QJsonDocument builds a CBOR container with an allocation per value. */
class FlatJsonObject
{
public:
    static std::optional<FlatJsonObject> parse(QByteArrayView json);

    /** The member's value; type Undefined when there is none. */
    JsonScalar value(QLatin1StringView key) const;

private:
    struct Member
    {
        QByteArrayView key; // into the parsed bytes, which must outlive this object
        JsonScalar value;
    };
    QVarLengthArray<Member, 20> m_members;
};

} // namespace ringside
