#include "auth/constant_time.h"

#include <QTest>

using namespace ringside;

/** Tests constantTimeEquals, the comparison every credential check goes through. */
class TestConstantTime : public QObject
{
    Q_OBJECT

private slots:
    void equals_data();
    void equals();
};

void TestConstantTime::equals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");

    const QByteArray mac = QByteArray::fromHex("834c8ff52b04f8e4e53231adfed98a20b4b2966537b852442d594d20e2cbd4e1");
    QByteArray firstByte = mac;
    firstByte[0] = char(firstByte[0] ^ 1);
    QByteArray lastByte = mac;
    lastByte[lastByte.size() - 1] = char(lastByte[lastByte.size() - 1] ^ 0x80);

    QTest::newRow("same bytes") << mac << QByteArray(mac) << true;
    QTest::newRow("first byte differs") << mac << firstByte << false;
    QTest::newRow("last byte differs") << mac << lastByte << false;
    QTest::newRow("prefix is not equal") << mac << mac.left(31) << false;
    QTest::newRow("longer is not equal") << mac << mac + 'x' << false;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("one empty") << QByteArray() << mac << false;
    QTest::newRow("embedded NUL compared, not a terminator") << QByteArray("ab\0cd", 5) << QByteArray("ab\0ce", 5)
                                                             << false;
    QTest::newRow("embedded NUL equal") << QByteArray("ab\0cd", 5) << QByteArray("ab\0cd", 5) << true;
    QTest::newRow("case matters") << QByteArray("Token") << QByteArray("token") << false;
}

void TestConstantTime::equals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(constantTimeEquals(a, b), equal);
    QCOMPARE(constantTimeEquals(b, a), equal);
}

QTEST_GUILESS_MAIN(TestConstantTime)
#include "tst_constant_time.moc"
