#pragma once

#include <QLoggingCategory>

namespace ringside {
Q_DECLARE_LOGGING_CATEGORY(lcDelivery)
}
